/** English, the source: every other language has exactly these keys and placeholders. */
export const common = {
  'error.usage': 'Usage: `{usage}`',
  'command.didYouMean': 'Unknown command `{typed}`. Did you mean `{meant}`?',
  'command.needsOneMoreWord': '`/accord {family}` needs one more word:',
  'command.noSuch': "I don't know `{typed}`. Commands: {commands}.",
  'reply.databaseUnavailable':
    ":hourglass_flowing_sand: Accord can't reach its database right now, so nothing was changed. Please try again in a minute.",
  'reply.commitOutcomeUnknown':
    ':hourglass_flowing_sand: Accord lost its database connection just as it was saving this, so it cannot tell whether it was saved. Please check whether it is there (e.g. with the matching `list` or `show` command) before you try again, so that it is not done twice.',
  'reply.unexpectedError':
    ":x: Sorry, something went wrong on Accord's side and nothing was changed. If it happens again, give an admin this reference: `{referenceId}`.",
  'reply.incompleteCommand':
    ':warning: Slack sent this command without the fields Accord needs (user and text); please try again.',
  'reply.formNotOpened':
    ':warning: Slack would not open the form; type the command with its arguments instead, e.g. `/escalate sev2 Calls drop after 30 s`.',
  'reply.queuedOpening': ':hourglass_flowing_sand: Got it. Accord is busy right now:',
  'reply.queuedAhead':
    '{ahead, plural, one {# request is} other {# requests are}} ahead of yours. The answer will follow here; no need to send it again.',
} as const;
