import { describe, expect, it } from 'vitest';
import { escapeText, sections, SECTION_TEXT_LIMIT, truncate } from '../../../src/messages/mrkdwn';
import { explainSlackRefusal } from '../../../src/messages/slack-refusals';
import {
  acknowledgedNotice,
  escalationMessage,
  missText,
  type EscalationView,
} from '../../../src/messages/escalation/message';
import { slaMiss } from '../../../src/domain/escalations/policy';
import { formatLocal } from '../../../src/domain/time-zone';
import { actionIds } from '../../../src/messages/ids';

describe('block text helpers', () => {
  it('escapes user text so it cannot mention @channel or forge a link', () => {
    expect(escapeText('<!channel> see <https://evil.example|your bank> & more')).toBe(
      '&lt;!channel&gt; see &lt;https://evil.example|your bank&gt; &amp; more',
    );
  });

  it('truncates at the limit, marks the cut and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    const cut = truncate(`ab${'🙂'.repeat(5)}`, 4);
    expect(cut).toBe('ab…');
  });

  it("splits long text into sections within Slack's 3000-character limit", () => {
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

describe('the escalation card', () => {
  const openedAt = new Date('2026-03-02T08:00:00Z');
  const riga = (at: Date) => formatLocal(at, 'Europe/Riga');
  const view = (o: Partial<EscalationView> = {}): EscalationView => ({
    id: 7,
    severity: 'sev1',
    requestedSeverity: null,
    title: 'IVR down',
    targetName: 'Acme Telecom',
    status: 'open',
    openedBy: 'U0VICTOR',
    notified: '<@U0PAT>',
    level: 1,
    openedAt,
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedBy: null,
    resolution: null,
    cancelledBy: null,
    cancelReason: null,
    breached: false,
    ackDue: new Date('2026-03-02T08:15:00Z'),
    resolveDue: new Date('2026-03-02T12:00:00Z'),
    ackMiss: undefined,
    formatTime: riga,
    ...o,
  });
  const textOf = (e: EscalationView) => JSON.stringify(escalationMessage(e).blocks);
  const buttons = (e: EscalationView) =>
    (escalationMessage(e).blocks ?? []).flatMap((b) =>
      b.type === 'actions' ? b.elements.map((el) => ('action_id' in el ? el.action_id : '')) : [],
    );

  it('asks for an acknowledgement while open, and no longer once acknowledged', () => {
    const open = textOf(view());
    expect(open).toContain('Acknowledge with the button or a thread reply starting with `ack` or `on it`');
    expect(buttons(view())).toContain(actionIds.escalationAcknowledge);
    const acked = view({
      status: 'acknowledged',
      acknowledgedBy: 'U0PAT',
      acknowledgedAt: new Date('2026-03-02T08:10:00Z'),
    });
    expect(textOf(acked)).not.toContain('Acknowledge with the button');
    expect(textOf(acked)).not.toMatch(/`ack`|`on it`/);
    expect(textOf(acked)).toContain('Resolve with the button or a thread reply `resolved: <summary>`.');
    expect(buttons(acked)).toEqual([actionIds.escalationResolve, actionIds.escalationEscalate]);
    expect(textOf(acked)).not.toMatch(/\blate\b/i);
  });

  it('says a late acknowledgement was late and by how much', () => {
    const ackedAt = new Date('2026-03-02T08:40:00Z');
    const miss = slaMiss(openedAt, ackedAt, 15 * 60_000, '24x7', 'Europe/Riga');
    expect(miss).toEqual({
      deadline: new Date('2026-03-02T08:15:00Z'),
      durationMs: 15 * 60_000,
      hours: '24x7',
      lateMs: 25 * 60_000,
    });
    const card = textOf(
      view({ status: 'acknowledged', acknowledgedBy: 'U0PAT', acknowledgedAt: ackedAt, ackMiss: miss }),
    );
    expect(card).toContain(
      'acknowledged by <@U0PAT> at 2026-03-02 10:40 Europe/Riga (after 40m) · :warning: late: 25m after the 15m deadline (due 2026-03-02 10:15 Europe/Riga)',
    );
    expect(acknowledgedNotice('U0PAT', 40 * 60_000, miss, riga)).toBe(
      ':white_check_mark: Acknowledged by <@U0PAT> after 40m. :warning: Late: acknowledged 25m after the 15m deadline (due 2026-03-02 10:15 Europe/Riga).',
    );
    expect(acknowledgedNotice('U0PAT', 10 * 60_000, undefined, riga)).toBe(
      ':white_check_mark: Acknowledged by <@U0PAT> after 10m.',
    );
  });

  it('counts lateness in working time under business hours, and says so when it came outside them', () => {
    // Friday 17:00 in Riga with a 2h business-hours deadline: due Monday 10:00.
    const friday = new Date('2026-03-06T15:00:00Z');
    const monday = slaMiss(friday, new Date('2026-03-09T08:30:00Z'), 2 * 3_600_000, 'business', 'Europe/Riga');
    expect(monday && missText(monday, riga)).toBe(
      '30m of business hours after the 2h (business hours) deadline (due 2026-03-09 10:00 Europe/Riga)',
    );
    const evening = slaMiss(friday, new Date('2026-03-06T15:59:00Z'), 30 * 60_000, 'business', 'Europe/Riga');
    expect(evening && missText(evening, riga)).toBe(
      '29m of business hours after the 30m (business hours) deadline (due 2026-03-06 17:30 Europe/Riga)',
    );
    const weekend = slaMiss(
      new Date('2026-03-06T15:30:00Z'),
      new Date('2026-03-07T10:00:00Z'),
      30 * 60_000,
      'business',
      'Europe/Riga',
    );
    expect(weekend && missText(weekend, riga)).toBe(
      'after the 30m (business hours) deadline (due 2026-03-06 18:00 Europe/Riga), outside business hours',
    );
    expect(slaMiss(friday, new Date('2026-03-09T07:59:00Z'), 2 * 3_600_000, 'business', 'Europe/Riga')).toBeUndefined();
  });

  it('shows every time through the project’s zone: opening, deadlines, acknowledgement and breach', () => {
    const seen: Date[] = [];
    const marked = (at: Date) => {
      seen.push(at);
      return `«${at.toISOString()}»`;
    };
    const open = textOf(view({ formatTime: marked, breached: false }));
    expect(open).toContain('acknowledgement due «2026-03-02T08:15:00.000Z»');
    expect(open).toContain('resolution due «2026-03-02T12:00:00.000Z»');
    const breached = textOf(
      view({
        status: 'acknowledged',
        acknowledgedBy: 'U0PAT',
        acknowledgedAt: new Date('2026-03-02T08:05:00Z'),
        breached: true,
        formatTime: marked,
      }),
    );
    expect(breached).toContain(':rotating_light: SLA breached: not resolved by «2026-03-02T12:00:00.000Z»');
    // No time reaches the card except through the zone's formatter.
    for (const text of [open, breached]) expect(text.replace(/«[^»]*»/g, '')).not.toMatch(/\d{2}:\d{2}|UTC/);
    expect(seen.length).toBeGreaterThanOrEqual(6);
  });
});
