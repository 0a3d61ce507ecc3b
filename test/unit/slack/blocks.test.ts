import { describe, expect, it } from 'vitest';
import { escapeText, sections, SECTION_TEXT_LIMIT, truncate } from '../../../src/slack/blocks/text';
import { explainSlackRefusal } from '../../../src/slack/blocks/slack-refusals';

describe('block text helpers', () => {
  it('escapes user text so it cannot mention @channel or forge a link', () => {
    expect(escapeText('<!channel> see <https://evil.example|your bank> & more')).toBe('&lt;!channel&gt; see &lt;https://evil.example|your bank&gt; &amp; more');
  });

  it('truncates at the limit, marks the cut and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    const cut = truncate(`ab${'🙂'.repeat(5)}`, 4);
    expect(cut).toBe('ab…');
  });

  it('splits long text into sections within Slack\'s 3000-character limit', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const blocks = sections(lines);
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) {
      const text = b.type === 'section' ? (b.text?.text ?? '') : '';
      expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    }
    const joined = blocks.map((b) => (b.type === 'section' ? b.text?.text : '')).join('\n');
    expect(joined).toBe(lines);
  });

  it('explains each refusal with what to do about it', () => {
    expect(explainSlackRefusal('not_in_channel', 'C1')).toContain('/invite @Accord');
    expect(explainSlackRefusal('is_archived', 'C1')).toContain('<#C1>');
    expect(explainSlackRefusal('weird_error', undefined)).toContain('`weird_error`');
  });
});
