import { asc, eq } from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm/errors';
import { afterAll, beforeAll } from 'vitest';
import { ManualClock } from '../clock';
import type { Database, Tx } from '../db/client';
import { jobs, partners, projects, slackOutbox } from '../db/schema';
import { jobTimers } from '../jobs/timers';
import { silentLogger } from '../logger';
import { createOutboxGateway } from '../outbound/outbox';
import type { ServiceContext, Services } from '../services/context';
import { addPartnerMember } from '../services/partners/add-member';
import { addPartner } from '../services/partners/add-partner';
import { createMembershipSource } from '../services/partners/memberships';
import type {
  ChannelResult,
  ConversationAudience,
  SlackAccount,
  SlackChannels,
  SlackDirectory,
  SlackViews,
} from '../services/ports';
import { createProject } from '../services/projects/create-project';
import { translator } from '../messages/i18n/translator';
import { createLanguageMemory } from '../services/languages/memory';
import { resolveActor } from '../services/resolve-actor';
import type { StandInUser } from '../sandbox/stand-in/types';
import { openTestDatabase, type Driver } from './databases';
import { acme, PINNED_START, people, VENDOR_TEAM } from './world';

/*
 * Verb-level integration tests: a service verb called directly, with the real database and the
 * real outbox and timer adapters, each test inside a transaction that is rolled back at its end,
 * so tests of one file share a database without seeing each other's rows. Slack's read side
 * (who someone is, channels) is answered from the world's people; nothing reaches Slack: what a
 * verb would send is the outbox rows it wrote (`sent`), and its timers are job rows (`timers`).
 *
 * Everything a test does must go through `w.tx` (the services of `w` already do): with PGlite the
 * database has one connection, which the open transaction holds, so a query outside it would wait
 * for the test to end.
 */

export const ACCORD_BOT = 'U0ACCORD';

/** A person of the test world: an id, a Slack team, and how users.info answers for them. */
export type Person = Pick<StandInUser, 'id' | 'teamId'> & Partial<Pick<StandInUser, 'hiddenProfile' | 'guest'>>;

export interface PartnerGiven {
  slug?: string;
  name?: string;
  teamId?: string | null;
  tier?: 'registered' | 'silver' | 'gold' | 'platinum';
  /** Its lead, added by hand (default: acme's pat when the slug is acme's). */
  lead?: Person | null;
  members?: Person[];
}

export interface ProjectGiven {
  slug?: string;
  name?: string;
  partners?: string[];
  timeZone?: string;
  customer?: string;
  by?: Person;
}

/** What a verb would have sent to Slack: one outbox row, with the fields tests look at. */
export interface Sent {
  method: string;
  channel: string | undefined;
  user: string | undefined;
  text: string | undefined;
}

export interface VerbWorld {
  tx: Tx;
  clock: ManualClock;
  services: Services;
  /** The context of a request by `who` (as the pipeline builds it), typed in `channelId`. */
  verbContext(who: Person, channelId?: string): Promise<ServiceContext>;
  /** Makes someone known to the world's directory (users.info answers for them). */
  meet(...who: Person[]): void;
  givenPartner(given?: PartnerGiven): Promise<typeof partners.$inferSelect>;
  givenProject(given?: ProjectGiven): Promise<typeof projects.$inferSelect>;
  /** The outbox rows written so far, oldest first; with `method`, only those. */
  sent(method?: string): Promise<Sent[]>;
  /**
   * The statements `work` sent to the database (drizzle's, so not BEGIN and COMMIT; a nested
   * transaction's SAVEPOINT and RELEASE count), with what `work` returned.
   */
  statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  /** The pending timers whose key starts with `keyPrefix`, by due time. */
  timers(keyPrefix?: string): Promise<Array<{ kind: string; key: string; dueAt: Date }>>;
}

export interface VerbKit {
  /** Runs `test` in a fresh world whose every change is rolled back afterwards. */
  run(test: (w: VerbWorld) => Promise<void>): Promise<void>;
}

/** Registers the database of a file of verb tests (opened before its tests, closed after them). */
export function useVerbKit(driver: Driver): VerbKit {
  let database: (Database & { url?: string }) | undefined;
  const statements: string[] = [];
  beforeAll(async () => {
    database = await openTestDatabase(driver, { onQuery: (query) => statements.push(query) });
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    async run(test) {
      if (!database) throw new Error('the verb kit has no database: call useVerbKit inside describe');
      try {
        await database.db.transaction(async (tx) => {
          await test(verbWorld(tx, statements));
          tx.rollback();
        });
      } catch (err) {
        if (!(err instanceof TransactionRollbackError)) throw err;
      }
    },
  };
}

function verbWorld(tx: Tx, statements: readonly string[]): VerbWorld {
  const clock = new ManualClock(PINNED_START);
  const known = new Map<string, Person>(Object.values(people).map((p) => [p.id, p]));
  const directory: SlackDirectory = {
    teamOf: async (userId) => (await directory.accountOf(userId))?.teamId,
    async accountOf(userId): Promise<SlackAccount | undefined> {
      const who = known.get(userId);
      if (!who || who.hiddenProfile) return undefined;
      return {
        teamId: who.teamId,
        restricted: who.guest !== undefined,
        ultraRestricted: who.guest === 'ultra-restricted',
      };
    },
  };
  let channelCount = 0;
  const channels: SlackChannels = {
    async create(name): Promise<ChannelResult> {
      channelCount += 1;
      return { ok: true, channelId: `C0NEW${channelCount}`, name };
    },
    prepare: async (channelId) => ({ ok: true, channelId }),
    audience: async (): Promise<ConversationAudience> => ({
      ok: true,
      kind: 'public',
      externallyShared: false,
      sharedWithWorkspaces: false,
      members: [ACCORD_BOT],
      truncated: false,
    }),
  };
  const views: SlackViews = {
    openLoading: () => Promise.reject(new Error('verb tests open no modals: test forms through the harness')),
    update: () => Promise.reject(new Error('verb tests open no modals: test forms through the harness')),
  };
  const services: Services = {
    db: tx,
    clock,
    gateway: createOutboxGateway(clock),
    directory,
    channels,
    views,
    timers: jobTimers,
    settings: {
      vendorTeamId: VENDOR_TEAM,
      botUserId: ACCORD_BOT,
      configAdminIds: new Set([people.alice.id]),
      defaultTimeZone: 'UTC',
      defaultLanguage: 'en',
    },
    memberships: createMembershipSource(tx),
    languageMemory: createLanguageMemory({ now: () => clock.now().getTime() }),
    log: silentLogger,
  };
  const verbContext = async (who: Person, channelId?: string): Promise<ServiceContext> => {
    known.set(who.id, known.get(who.id) ?? who);
    const actor = await resolveActor(services, { userId: who.id, userTeam: who.teamId, channelId });
    return { ...services, actor, channelId, t: translator(actor.language) };
  };
  const admin = () => verbContext(people.alice);
  const world: VerbWorld = {
    tx,
    clock,
    services,
    verbContext,
    meet(...who) {
      for (const p of who) known.set(p.id, p);
    },
    async givenPartner(given = {}) {
      const slug = given.slug ?? acme.slug;
      const isAcme = slug === acme.slug;
      const teamId = given.teamId === undefined ? (isAcme ? acme.teamId : null) : given.teamId;
      await addPartner({
        ctx: await admin(),
        input: {
          slug,
          name: given.name ?? (isAcme ? acme.name : slug),
          tier: given.tier ?? 'registered',
          slackTeamId: teamId ?? undefined,
        },
      });
      const lead = given.lead === undefined ? (isAcme ? acme.lead : null) : given.lead;
      for (const [member, isLead] of [
        ...(lead ? [[lead, true] as const] : []),
        ...(given.members ?? []).map((m) => [m, false] as const),
      ]) {
        world.meet(member);
        await addPartnerMember({ ctx: await admin(), input: { slug, userId: member.id, lead: isLead, confirm: true } });
      }
      const [row] = await tx.select().from(partners).where(eq(partners.slug, slug));
      if (!row) throw new Error(`partner ${slug} was not added`);
      return row;
    },
    async givenProject(given = {}) {
      const slug = given.slug ?? 'rollout';
      const ctx = await verbContext(given.by ?? people.victor);
      const input = {
        slug,
        name: given.name ?? 'Rollout',
        partnerSlugs: given.partners ?? [acme.slug],
        customer: given.customer,
        channelId: undefined,
        timeZone: given.timeZone,
        stage: undefined,
      };
      return (await createProject({ ctx, input })).project;
    },
    async sent(method) {
      const rows = await tx.select().from(slackOutbox).orderBy(asc(slackOutbox.id));
      return rows
        .filter((r) => method === undefined || r.method === method)
        .map((r) => {
          const p = r.payload;
          const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
          return { method: r.method, channel: str(p.channel), user: str(p.user) ?? str(p.users), text: str(p.text) };
        });
    },
    async statementsOf(work) {
      const from = statements.length;
      const result = await work();
      return { result, statements: statements.slice(from) };
    },
    async timers(keyPrefix = '') {
      const rows = await tx
        .select({ kind: jobs.kind, key: jobs.key, dueAt: jobs.dueAt })
        .from(jobs)
        .where(eq(jobs.status, 'pending'))
        .orderBy(asc(jobs.dueAt), asc(jobs.id));
      return rows.filter((r) => r.key.startsWith(keyPrefix)).map(({ kind, key, dueAt }) => ({ kind, key, dueAt }));
    },
  };
  return world;
}
