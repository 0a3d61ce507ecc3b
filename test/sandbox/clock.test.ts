import { afterEach, describe, expect, it } from 'vitest';
import { SandboxWorkspace } from '../../src/sandbox/workspace';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The sandbox runs Accord on one clock that only `advance` moves. Whether that clock starts in the
 * past (a pinned tour), at the real time (`npm run sandbox`) or in the future (a script with
 * `time` ahead of today), every message must appear at the step that causes it.
 */
const starts: Array<{ name: string; time: () => string | undefined }> = [
  { name: 'pinned in the past', time: () => '2026-03-02T09:00:00Z' },
  { name: 'at the real time, as `npm run sandbox` starts', time: () => undefined },
  {
    name: 'pinned in the future',
    time: () => new Date(Math.ceil((Date.now() + 400 * DAY) / MINUTE) * MINUTE).toISOString().replace('.000', ''),
  },
];

describe.each(starts)('the sandbox with its clock $name', ({ time }) => {
  let workspace: SandboxWorkspace | undefined;
  afterEach(async () => {
    await workspace?.stop();
    workspace = undefined;
  });

  const numberOf = (lines: readonly string[], pattern: RegExp): number => {
    const line = lines.find((l) => pattern.test(l));
    const n = Number(/^\[(\d+)\]/.exec(line ?? '')?.[1]);
    expect(n, `a numbered message matching ${String(pattern)} in:\n${lines.join('\n')}`).toBeGreaterThan(0);
    return n;
  };

  it('shows every message, before and after each advance', { timeout: 180_000 }, async () => {
    const w = new SandboxWorkspace();
    workspace = w;
    await w.start();
    const run = async (line: string) => w.run(line);
    const pinned = time();
    if (pinned) expect((await run(`time ${pinned}`)).join('\n')).toContain('The sandbox starts at');
    const startedAt = w.now.getTime();
    if (!pinned) expect(Math.abs(startedAt - Date.now())).toBeLessThan(2 * MINUTE);

    // Time moves before anything is posted: the welcome of a project created afterwards still shows.
    await run('advance 5m');
    await run('/accord partner add acme "Acme Telecom" team=T0ACME');
    expect((await run('/accord partner member add acme @pat lead')).join('\n')).toContain('pat');
    const created = await run('as victor').then(() =>
      run('/accord project create rollout "Riga rollout" partners=acme tz=Europe/Riga'),
    );
    expect(
      // The welcome is the pinned project card.
      created.some((l) => /^\[\d+\] #accord-rollout · Accord \(pinned\): /.test(l)),
      created.join('\n'),
    ).toBe(true);
    expect(created.some((l) => /^\[\d+\] DM → /.test(l) || /#accord-rollout/.test(l))).toBe(true);

    await run('in #accord-rollout');
    const raised = await run('/escalate sev1 Calls drop after 30 seconds');
    const card = numberOf(raised, /^\[\d+\] #accord-rollout · Accord: .*ESC-1/);

    const warned = await run('advance 12m');
    expect(
      warned.some((l) => l.includes('75% of the time to acknowledge')),
      warned.join('\n'),
    ).toBe(true);
    const escalated = await run('advance 4m');
    expect(
      escalated.some((l) => /level 2/i.test(l)),
      escalated.join('\n'),
    ).toBe(true);

    await run('as pat');
    expect((await run('accept acme')).join('\n')).toContain(
      'pat (Acme) accepted the Slack Connect invitation to #accord-rollout',
    );
    const acked = await run(`reply ${card} on it, checking the SIP trunk`);
    expect(
      acked.some((l) => /acknowledged/i.test(l) && l.startsWith('[')),
      acked.join('\n'),
    ).toBe(true);
    const resolved = await run(`reply ${card} resolved: failed over to the backup trunk`);
    expect(
      resolved.some((l) => /resolved/i.test(l) && l.startsWith('[')),
      resolved.join('\n'),
    ).toBe(true);

    // A check-in scheduled a day ahead is posted when the clock gets there, then reminded and closed.
    await run('as victor');
    expect((await run('/accord checkin schedule sync "0 10 * * *"')).join('\n')).toMatch(/schedule \d+/i);
    const day = await run('advance 2d');
    expect(
      day.some((l) => /^\[\d+\] #accord-rollout · Accord: .*sync/i.test(l)),
      day.join('\n'),
    ).toBe(true);
    expect(w.now.getTime() - startedAt).toBe(5 * MINUTE + 16 * MINUTE + 2 * DAY);
    // Slack's timestamps in the sandbox are the sandbox's time too.
    const seconds = w.slack.messages.map((m) => Math.floor(Number(m.ts)));
    expect(seconds.length).toBeGreaterThan(5);
    expect(seconds.filter((s) => s < Math.floor(startedAt / 1000) || s > w.now.getTime() / 1000)).toEqual([]);
  });
});
