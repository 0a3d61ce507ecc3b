import { describe, expect, it } from 'vitest';
import { inMentionForm, mentionAnswerInThread } from '../../../src/messages/mention-replies';
import { prepareMention, textAfterMention } from '../../../src/slack/commands/registry';

describe('the text of an @Accord mention', () => {
  it.each([
    ['<@U0ACCORD> score', 'score'],
    ['score <@U0ACCORD>', 'score'],
    ['<@U0ACCORD|accord>   risk add "Power cut"', 'risk add "Power cut"'],
    ['escalate <@U0ACCORD> sev2 Orders failing', 'escalate sev2 Orders failing'],
    ['<@U0ACCORD> whoami <@U0ACCORD>', 'whoami'],
    ['<@U0PAT> is not the bot', '<@U0PAT> is not the bot'],
  ])('%s reads as %s', (text, expected) => {
    expect(textAfterMention(text, 'U0ACCORD')).toBe(expected);
  });

  it('routes the shortcuts as /escalate and /score do', () => {
    expect(prepareMention('<@U0ACCORD> escalate sev2 Orders failing', 'U0ACCORD', 'C1')).toMatchObject({
      kind: 'run',
      sub: { name: 'escalate' },
      parsed: { severity: 'sev2', title: 'Orders failing' },
    });
    expect(prepareMention('<@U0ACCORD> score period=2026-02', 'U0ACCORD', 'C1')).toMatchObject({
      kind: 'run',
      sub: { name: 'score' },
    });
    expect(prepareMention('<@U0ACCORD> escalate', 'U0ACCORD', 'C1')).toMatchObject({ kind: 'modal' });
    expect(prepareMention('<@U0ACCORD>', 'U0ACCORD', 'C1')).toMatchObject({ kind: 'reply' });
  });

  it('writes the commands it names in the @Accord form, and nothing else', () => {
    expect(
      inMentionForm('Usage: `/escalate sev1|sev2 <what happened>` or `/score`; see `/accord help escalations`.'),
    ).toBe('Usage: `@Accord escalate sev1|sev2 <what happened>` or `@Accord score`; see `@Accord help escalations`.');
    expect(inMentionForm('a path /accord/x and `/accordion`')).toBe('a path /accord/x and `/accordion`');
  });

  it('names the asker in a visible answer, and withholds a private one', () => {
    expect(mentionAnswerInThread('U0PAT', { text: 'See `/accord help`', shareable: true }).text).toBe(
      '<@U0PAT> See `@Accord help`',
    );
    const withheld = mentionAnswerInThread('U0PAT', { text: 'Score: 91/100' });
    expect(withheld.text).toMatch(/^<@U0PAT> Slack would not let me show you my answer privately/);
    expect(withheld.text).not.toContain('91');
  });
});
