import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDriver } from '../../src/sandbox/slack-driver';
import { SlackStandIn } from '../../src/sandbox/stand-in';
import { runningPortIn, startAccordProcess } from '../../src/testkit/process';
import { accordEnv, BOT_TOKEN, people, SIGNING_SECRET, VENDOR_TEAM } from '../../src/testkit/world';

const start = startAccordProcess;

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The real process, killed with SIGKILL while an escalation's timers are pending, and started
 * again: the warning and the next level are notified once each, by the new process.
 */
describe('escalation timers across a kill -9', () => {
  let standIn: SlackStandIn;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    standIn = new SlackStandIn({ teamId: VENDOR_TEAM, botToken: BOT_TOKEN, users: Object.values(people) });
    await standIn.start();
    dataDir = mkdtempSync(join(tmpdir(), 'accord-kill-'));
    env = accordEnv(standIn.apiUrl, { ACCORD_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await standIn?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the overdue level notification exactly once after the restart', async () => {
    const first = start(env);
    let escalationId: number;
    let channel: string;
    try {
      const port = await waitFor(() => runningPortIn(first.output()));
      const slack = new SlackDriver({
        appUrl: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        standIn,
      });
      expect(await slack.commandReply(people.alice, '/accord', 'partner add acme "Acme" team=T0PARTNER')).toContain(
        ':white_check_mark:',
      );
      expect(await slack.commandReply(people.alice, '/accord', 'partner member add acme <@U0PAT> lead')).toContain(
        ':white_check_mark:',
      );
      expect(
        await slack.commandReply(people.victor, '/accord', 'project create rollout "Rollout" partners=acme'),
      ).toContain(':white_check_mark:');
      // A one-minute acknowledgement time, so the first level falls due soon after the kill.
      expect(await slack.commandReply(people.alice, '/accord', 'sla set sev4 ack=1m resolve=1h')).toContain(
        ':white_check_mark:',
      );
      channel = [...standIn.channels.values()].find((c) => c.name === 'accord-rollout')?.id ?? '';
      const raised = await slack.commandReply(people.victor, '/escalate', 'sev4 Calls drop', channel);
      escalationId = Number(/ESC-(\d+)/.exec(raised)?.[1]);
      await waitFor(() => standIn.messagesIn(channel).find((m) => m.text.startsWith(`ESC-${escalationId} `)));
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    // Nothing of the first process is left running.
    expect(() => process.kill(first.child.pid ?? -1, 0)).toThrow();

    const second = start(env);
    try {
      const notice = `:rotating_light: *ESC-${escalationId}* escalated to level 2 (<@U0VICTOR>).`;
      await waitFor(() => standIn.messagesIn(channel).find((m) => m.text === notice), 120_000);
      await waitFor(() => standIn.messagesIn(channel).find((m) => m.text.includes('75% of the time to acknowledge')));
      // A few heartbeats later, still exactly once each.
      await new Promise((r) => setTimeout(r, 2500));
      expect(standIn.messagesIn(channel).filter((m) => m.text === notice)).toHaveLength(1);
      expect(standIn.messagesIn(channel).filter((m) => m.text.includes('Escalating to level 2'))).toHaveLength(1);
      expect(standIn.messagesIn(channel).filter((m) => m.text.includes('75% of the time to acknowledge'))).toHaveLength(
        1,
      );
      expect(standIn.messagesIn(channel).filter((m) => m.text.startsWith(`ESC-${escalationId} `))).toHaveLength(1);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      second.child.kill('SIGKILL');
    }
    // Two process starts (tsx, PGlite, migrations) and a one-minute deadline.
  }, 240_000);
});
