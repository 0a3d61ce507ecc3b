import type { KnownBlock, View } from '@slack/types';
import {
  areaStatuses,
  areaStatusLabels,
  riskAreaLabels,
  riskAreas,
  type QuestionSet,
} from '../../domain/checkins/questions';
import { actionIds, viewIds } from '../ids';
import { context, escapeText, mentionUser, section, truncate } from '../mrkdwn';
import type { SlackMessage } from '../types';
import { answerDigest } from '../../domain/checkins/summary';

export interface CheckinView {
  runId: number;
  set: QuestionSet;
  /** `2026-03-02 10:00 Europe/Riga`. */
  when: string;
  closes: string;
  late: boolean;
  expected: string[];
  open: boolean;
  answered: number;
  /** Already mrkdwn: overdue risk reviews, flagged at a risk check-in. */
  overdue: string[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

const orList = (words: readonly string[]) =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;

/** The status choices of a sync, from the run's own snapshot. */
function syncStatusWords(set: QuestionSet): string[] {
  return (set.questions.find((q) => q.id === 'status')?.options ?? []).map((o) => `*${escapeText(o.label)}*`);
}

/**
 * What a thread reply may hold, as interpretTextAnswer reads it: for a sync a leading status and
 * then progress, with `Blockers:` and `Next steps:` starting those parts; for a risk review one
 * `<area>: <status> <note>` line per area, and `all ok` for the areas not named.
 */
export function replyHint(set: QuestionSet): string {
  if (set.kind === 'sync')
    return `start with ${orList(syncStatusWords(set))}, then your progress; a line starting \`Blockers:\` or \`Next steps:\` begins that part`;
  const areas = riskAreas.map((a) => riskAreaLabels[a]).join(', ');
  return `one line per area, such as \`power: problem UPS fails the load test\` (areas: ${areas}; each ${orList(areaStatuses.map((st) => areaStatusLabels[st]))}); \`all ok\` covers the areas you do not name`;
}

/** The check-in's channel message; updated when it closes. */
export function checkinMessage(c: CheckinView): SlackMessage {
  const head = `:clipboard: *${escapeText(c.set.title)}* · ${c.when}${c.late ? ' · _posted late: Accord was not running at the scheduled time_' : ''}`;
  const who =
    c.expected.length > 0
      ? `Expected from ${c.expected.map(mentionUser).join(', ')}.`
      : 'Nobody is expected yet (no R/A people or partner leads); anyone in the project may answer.';
  const how = c.open
    ? `Press *Answer*, or reply in this thread: ${replyHint(c.set)}. Answering again replaces your answer. Closes ${c.closes}.`
    : `Closed · ${c.answered} answer${c.answered === 1 ? '' : 's'}; the summary is in the thread.`;
  const blocks: KnownBlock[] = [section(`${head}\n${who}`)];
  if (c.overdue.length > 0) blocks.push(section(`:warning: *Risk reviews overdue*\n${c.overdue.join('\n')}`));
  blocks.push(context(how));
  if (c.open) {
    blocks.push({
      type: 'actions',
      block_id: `checkin:${c.runId}`,
      elements: [
        {
          type: 'button',
          action_id: actionIds.checkinAnswer,
          text: plain('Answer'),
          style: 'primary',
          value: String(c.runId),
        },
      ],
    });
  }
  return { text: escapeText(`${c.set.title} ${c.when}${c.open ? '' : ' (closed)'}`), blocks };
}

/**
 * The answer form, built from the run's own question snapshot and pre-filled with an earlier answer.
 * private_metadata carries the run id and, when opened from a channel, that channel (`<run>:<channel>`),
 * where the person is told what was recorded.
 */
export function answerModal(
  runId: number,
  set: QuestionSet,
  previous: Record<string, string> | undefined,
  channelId?: string,
): View {
  const blocks: KnownBlock[] = set.questions.map((q) => {
    const initial = previous?.[q.id];
    if (q.type === 'choice') {
      const options = (q.options ?? []).map((o) => ({ text: plain(o.label), value: o.value }));
      const selected = options.find((o) => o.value === initial);
      return {
        type: 'input',
        block_id: q.id,
        optional: q.optional ?? false,
        label: plain(truncate(q.label, 150)),
        element: { type: 'static_select', action_id: q.id, options, ...(selected ? { initial_option: selected } : {}) },
      };
    }
    return {
      type: 'input',
      block_id: q.id,
      optional: q.optional ?? false,
      label: plain(truncate(q.label, 150)),
      element: {
        type: 'plain_text_input',
        action_id: q.id,
        multiline: true,
        max_length: 2000,
        ...(initial ? { initial_value: initial } : {}),
      },
    };
  });
  return {
    type: 'modal',
    callback_id: viewIds.checkinAnswer,
    private_metadata: channelId ? `${runId}:${channelId}` : String(runId),
    title: plain(truncate(set.title, 24)),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks,
  };
}

/** After a risk review names problems: one button per problem to record it as a risk. */
export function problemButtons(
  runId: number,
  userId: string,
  problems: Array<{ area: string; label: string; note: string }>,
): SlackMessage {
  const lines = problems.map(
    (p) => `• *${escapeText(p.label)}*${p.note ? `: ${escapeText(truncate(p.note, 300))}` : ''}`,
  );
  return {
    text: `${mentionUser(userId)} reported ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    blocks: [
      section(
        `:warning: ${mentionUser(userId)} reported ${problems.length === 1 ? 'a problem' : 'problems'}:\n${lines.join('\n')}`,
      ),
      {
        type: 'actions',
        block_id: `problems:${runId}:${userId}`,
        elements: problems.map((p) => ({
          type: 'button',
          action_id: `${actionIds.riskFromProblem}:${p.area}`,
          text: plain(truncate(`Make “${p.label}” a risk`, 75)),
          value: `${runId}:${userId}:${p.area}`,
        })),
      },
    ],
  };
}

export interface AnswerRecordedView {
  set: QuestionSet;
  /** When the check-in was posted for, e.g. `2026-03-02 10:00 Europe/Riga`. */
  when: string;
  values: Record<string, string>;
  text: string | undefined;
  replaced: boolean;
  via: 'form' | 'thread';
}

/**
 * Seen only by the person who answered: what was recorded, whether it replaced an earlier answer,
 * and, for a thread reply, what could not be read from it.
 */
export function answerRecorded(a: AnswerRecordedView): SlackMessage {
  const { statusLabel, detail } = answerDigest(a.set, {
    values: a.values,
    ...(a.text !== undefined ? { text: a.text } : {}),
  });
  const status = statusLabel === undefined ? '_no status_' : `*${escapeText(statusLabel)}*`;
  const tail = detail === '' ? '' : ` — ${escapeText(truncate(detail, 300))}`;
  const lines = [
    `:white_check_mark: Recorded your answer to the *${escapeText(a.set.title)}* of ${a.when}: ${status}${tail}.${a.replaced ? ' It replaces your earlier answer.' : ''}`,
  ];
  if (a.via === 'thread') {
    // A new reply replaces the whole answer, so each hint asks for all of it again.
    if (a.set.kind === 'sync' && statusLabel === undefined) {
      lines.push(
        `I found no status in it. To give one, reply again with your whole answer, starting with ${orList(syncStatusWords(a.set))}.`,
      );
    }
    if (a.set.kind === 'risk') {
      const missing = riskAreas
        .filter((area) => !Object.hasOwn(a.values, `${area}_status`))
        .map((area) => riskAreaLabels[area]);
      if (missing.length === riskAreas.length)
        lines.push(
          'I found no area in it. Reply again with lines such as `power: problem UPS fails the load test`, and `all ok` for the areas you do not name.',
        );
      else if (missing.length > 0)
        lines.push(
          `Not mentioned: ${missing.join(', ')}. A new reply replaces this one, so give every area (\`all ok\` covers those you do not name).`,
        );
    }
  }
  return { text: lines.join('\n') };
}
