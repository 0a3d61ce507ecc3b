import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { SlackDriver, type DriverUser } from '../../src/sandbox/slack-driver';
import { SlackStandIn } from '../../src/sandbox/stand-in';
import { commitOutcomeUnknownReply, databaseUnavailableReply } from '../../src/messages/replies';
import { openTestDatabase } from '../../src/testkit/databases';
import { accordEnv, BOT_TOKEN, people, SIGNING_SECRET, VENDOR_TEAM } from '../../src/testkit/world';
import {
  PROCESS_TEST_TIMEOUT,
  REPLY_TIMEOUT,
  runningPort,
  startAccordProcess,
  waitFor,
  type AccordProcess,
} from '../../src/testkit/process';

/**
 * The real process (`node --import tsx src/main.ts`, HTTP mode, PostgreSQL through DATABASE_URL)
 * answers signed slash commands that write, eight at once, while the test terminates with
 * `pg_terminate_backend` one after another the process's backends that are inside a transaction
 * at that moment: a command's, the outbox worker's, the job runner's. At least 50 terminations
 * land. Afterwards the process is still up and answering, every command had an answer (its
 * success, or one of the two replies for a lost database connection), nothing was written twice
 * or half, and every Slack message that was committed went out exactly once.
 *
 * test/faults/backend-terminated.test.ts does the same to Accord's pool inside the test process;
 * this one shows that nothing on the way (Bolt, the request pipeline, the pumps, the last-resort
 * handler in src/main.ts) turns a terminated backend into a crash, a lost answer or a repeat.
 */

/** What the test's own connections call themselves, so the terminator never picks them. */
const TEST_APPLICATION = 'accord-fault-test';
/** pg_terminate_backend calls that must have returned true while commands were running. */
const TERMINATIONS = 50;
/** One project (and channel) each: Slack's pace is one message a second per channel. */
const PROJECTS = 8;
/** Commands in flight at once. */
const CONCURRENCY = 8;
/** At least this many commands, however fast the terminations come. */
const MIN_COMMANDS = 60;
/** At most one termination for this many commands answered, so that many commands get through. */
const COMMANDS_PER_TERMINATION = 1.5;
/** Commands are started for no longer than this, whatever the count; a slow machine ends with what it has. */
const FIRING_MS = 40_000;
/**
 * A row claimed longer ago than this and still `sending` is stuck: a Slack call times out after
 * 10 s. The outbox lease (60 s) would free it eventually, as after a crash; a live worker must
 * not need it.
 */
const STUCK_AFTER_MS = 20_000;
const LEASE_MS = 60_000;

const TRY_AGAIN = databaseUnavailableReply().text;
const MAYBE_SAVED = commitOutcomeUnknownReply().text;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fired {
  kind: 'escalation' | 'risk';
  title: string;
  reply: string;
  /** ESC-<n> or R-<n> from a success reply. */
  id?: number;
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  'backends terminated inside transactions of the real process (PostgreSQL; skipped without TEST_DATABASE_URL)',
  () => {
    let standIn: SlackStandIn;
    let database: Database & { url?: string };
    let sql: postgres.Sql;
    let run: AccordProcess | undefined;

    beforeAll(async () => {
      standIn = new SlackStandIn({ teamId: VENDOR_TEAM, botToken: BOT_TOKEN, users: Object.values(people) });
      await standIn.start();
      database = await openTestDatabase('postgres');
      sql = postgres(database.url ?? '', {
        max: 2,
        onnotice: () => undefined,
        connection: { application_name: TEST_APPLICATION },
      });
    });

    afterAll(async () => {
      if (run && run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
      await run?.exited;
      await sql?.end({ timeout: 2 });
      // Its pool is not used after the migrations, so it has no backend the terminator could pick.
      await database?.close();
      await standIn?.stop();
    });

    it(
      `${TERMINATIONS} terminations under concurrent commands: the process stays up, every command is answered, nothing is written twice`,
      async () => {
        const url = database.url ?? '';
        const databaseName = new URL(url).pathname.slice(1);
        run = startAccordProcess(accordEnv(standIn.apiUrl, { DATABASE_URL: url }));
        const accord = run;
        const port = await runningPort(accord);
        const slack = new SlackDriver({
          appUrl: `http://127.0.0.1:${port}/slack/events`,
          signingSecret: SIGNING_SECRET,
          standIn,
        });
        const reply = (user: DriverUser, command: string, text: string, channel?: string) =>
          slack.commandReply(user, command, text, channel, REPLY_TIMEOUT);
        const outboxDrained = () =>
          waitFor(
            'the outbox to drain',
            async () => {
              const stuck =
                await sql`select id, method, attempts from slack_outbox where status = 'sending' and lease_until < now() + ${`${(LEASE_MS - STUCK_AFTER_MS) / 1000} seconds`}::interval`;
              expect(stuck, 'outbox rows left claimed although nothing is sending them').toEqual([]);
              return (await sql`select count(*)::int as n from slack_outbox where status in ('pending', 'sending')`)[0]
                ?.n === 0
                ? true
                : undefined;
            },
            REPLY_TIMEOUT,
          );

        // Set-up, before any termination: partner acme with its lead pat, and the projects.
        expect(await reply(people.alice, '/accord', 'partner add acme "Acme" team=T0PARTNER')).toContain(
          ':white_check_mark:',
        );
        expect(await reply(people.alice, '/accord', 'partner member add acme <@U0PAT> lead')).toContain(
          ':white_check_mark:',
        );
        for (let p = 0; p < PROJECTS; p += 1)
          expect(
            await reply(people.victor, '/accord', `project create fault-${p} "Fault ${p}" partners=acme`),
          ).toContain(':white_check_mark:');
        const channels = (await sql<Array<{ channel_id: string }>>`select channel_id from projects order by slug`).map(
          (r) => r.channel_id,
        );
        expect(channels).toHaveLength(PROJECTS);
        await outboxDrained();
        const messagesBefore = standIn.messages.length;

        const terminated: Array<{ pid: number; state: string; query: string }> = [];
        const fired: Fired[] = [];
        let firing = true;
        const terminator = (async () => {
          while (firing) {
            if (fired.length < COMMANDS_PER_TERMINATION * terminated.length) {
              await sleep(2);
              continue;
            }
            // One statement finds a backend inside a transaction of several statements (idle between
            // two of them, or running one after the first; a lone query has xact_start = query_start)
            // and terminates it, so it is hit inside the transaction and not some time later.
            const hit = await sql<Array<{ pid: number; state: string; query: string; ok: boolean }>>`
          with victim as (
            select pid, state, query from pg_stat_activity
            where datname = ${databaseName} and backend_type = 'client backend' and pid <> pg_backend_pid()
              and application_name <> ${TEST_APPLICATION} and xact_start is not null
              and (state = 'idle in transaction' or (state = 'active' and xact_start < query_start))
            order by random() limit 1)
          select pid, state, left(query, 80) as query, pg_terminate_backend(pid) as ok from victim`;
            for (const { pid, state, query, ok } of hit) if (ok) terminated.push({ pid, state, query });
            await sleep(2);
          }
        })();

        // Escalations raised by victor and risks added by vera (vendor members; what is under test
        // is the slash command's way through, which Slack offers only to the vendor's own people),
        // each with a title of its own, round-robin over the project channels.
        const firingUntil = Date.now() + FIRING_MS;
        let next = 0;
        const enough = () => Date.now() > firingUntil || (terminated.length >= TERMINATIONS && next >= MIN_COMMANDS);
        const worker = async () => {
          while (!enough()) {
            const n = next;
            next += 1;
            const channel = channels[n % PROJECTS] ?? '';
            const kind = n % 3 === 2 ? 'risk' : 'escalation';
            const title = `fault-${kind}-${n}`;
            const text =
              kind === 'risk'
                ? await reply(people.vera, '/accord', `risk add "${title}" likelihood=2 impact=2`, channel)
                : await reply(people.victor, '/escalate', `sev4 ${title}`, channel);
            const id =
              kind === 'risk'
                ? /^:white_check_mark: \*R-(\d+)\* recorded: /.exec(text)?.[1]
                : /^:rotating_light: \*ESC-(\d+)\* raised for /.exec(text)?.[1];
            fired.push({ kind, title, reply: text, ...(id !== undefined ? { id: Number(id) } : {}) });
          }
        };
        try {
          await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        } finally {
          firing = false;
          await terminator;
        }
        const count = (reply: string) => fired.filter((f) => f.reply === reply).length;
        const summary = `${fired.length} commands: ${fired.filter((f) => f.id !== undefined).length} done, ${count(TRY_AGAIN)} try-again, ${count(MAYBE_SAVED)} maybe saved; ${terminated.length} terminations`;
        expect(terminated.length, summary).toBeGreaterThanOrEqual(TERMINATIONS);

        // Every command had an answer: its success, or one of the replies for a lost connection.
        expect(fired).toHaveLength(next);
        for (const f of fired)
          expect(f.id !== undefined || f.reply === TRY_AGAIN || f.reply === MAYBE_SAVED, `${f.title}: ${f.reply}`).toBe(
            true,
          );
        expect(fired.filter((f) => f.id !== undefined).length, summary).toBeGreaterThan(0);
        expect(count(TRY_AGAIN), summary).toBeGreaterThan(0);

        // The process is up, and still answers a command that writes.
        expect(accord.child.exitCode).toBeNull();
        expect(accord.child.signalCode).toBeNull();
        expect(() => process.kill(accord.child.pid ?? -1, 0)).not.toThrow();
        expect(accord.output()).not.toMatch(
          /uncaught exception|unhandled promise rejection|unexpected error while handling a request/,
        );
        expect(await reply(people.victor, '/escalate', 'sev4 fault-after-the-storm', channels[0])).toMatch(
          /^:rotating_light: \*ESC-\d+\* raised for /,
        );
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

        // Nothing written twice: no command writes twice and nothing repeats a command on its own.
        // A success has exactly one row, the one its reply names. The try-again reply says nothing
        // was changed, and it is only given when the connection went before the transaction's work
        // was done (so before its COMMIT): none. The "maybe saved" reply is given when it went during
        // the COMMIT: none if the server had not written the commit record yet, one if it had and the
        // backend was terminated before its answer got out; Accord cannot know which, and says so.
        const escalationRows = await sql<
          Array<{ id: number; title: string; message_outbox_id: number | null }>
        >`select id::int, title, message_outbox_id::int from escalations where title like 'fault-%'`;
        const riskRows = await sql<
          Array<{ id: number; title: string }>
        >`select id::int, title from risks where title like 'fault-%'`;
        const rowsOf = (f: Fired) => (f.kind === 'risk' ? riskRows : escalationRows).filter((r) => r.title === f.title);
        for (const f of fired) {
          const ids = rowsOf(f).map((r) => r.id);
          if (f.id !== undefined) expect(ids, f.title).toEqual([f.id]);
          else if (f.reply === TRY_AGAIN) expect(ids, f.title).toEqual([]);
          else expect(ids.length, f.title).toBeLessThanOrEqual(1);
        }
        // No row that no command accounts for (the one after the storm aside).
        expect(escalationRows.length + riskRows.length).toBe(fired.reduce((n, f) => n + rowsOf(f).length, 0) + 1);

        // Nor written half: each row there is has the rest of its transaction with it.
        const opened = await sql<
          Array<{ escalation_id: number; n: number }>
        >`select escalation_id::int, count(*)::int as n from escalation_events where kind = 'opened' group by escalation_id`;
        const audited = await sql<
          Array<{ entity_id: string; n: number }>
        >`select entity_id, count(*)::int as n from audit_events where action = 'risk.added' group by entity_id`;
        for (const row of escalationRows) {
          expect(row.message_outbox_id, row.title).not.toBeNull();
          expect(opened.find((e) => e.escalation_id === row.id)?.n, row.title).toBe(1);
        }
        for (const row of riskRows) expect(audited.find((a) => a.entity_id === String(row.id))?.n, row.title).toBe(1);

        // The outbox drains, none of it left to the lease: every message delivered, none failed,
        // none in Slack twice, and nothing in Slack for what was rolled back.
        await outboxDrained();
        expect(await sql`select id, method, status, last_error from slack_outbox where status <> 'sent'`).toEqual([]);
        const posted = standIn.messages.slice(messagesBefore);
        const outboxIds = posted.map((m) => Number(m.metadata?.event_payload.outbox_id));
        expect(
          outboxIds.filter((id, i) => outboxIds.indexOf(id) !== i),
          'outbox messages posted twice',
        ).toEqual([]);
        for (const row of escalationRows) {
          const opener = posted.filter((m) => !m.threadTs && m.text.startsWith(`ESC-${row.id} `));
          expect(opener, row.title).toHaveLength(1);
          expect(opener[0]?.metadata?.event_payload.outbox_id, row.title).toBe(row.message_outbox_id);
        }
        for (const row of riskRows)
          expect(
            posted.filter((m) => m.text.includes(`*R-${row.id}: ${row.title}*`)),
            row.title,
          ).toHaveLength(1);
        expect(posted.filter((m) => !m.threadTs && /^ESC-\d+ /.test(m.text))).toHaveLength(escalationRows.length);
        expect(posted.filter((m) => /\*R-\d+: fault-/.test(m.text))).toHaveLength(riskRows.length);

        accord.child.kill('SIGTERM');
        expect(await accord.exited).toBe(0);
        console.log(summary);
      },
      PROCESS_TEST_TIMEOUT,
    );
  },
);
