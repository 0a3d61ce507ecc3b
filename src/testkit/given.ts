import { eq } from 'drizzle-orm';
import { partners, projects } from '../db/schema';
import type { DriverUser } from '../sandbox/slack-driver';
import type { Harness } from './harness';
import { acme, people } from './world';

/*
 * Builders for tests and benchmarks that drive the real Accord through Slack: each does what a
 * person would type, checks Accord said yes (throwing the reply otherwise, so a broken set-up
 * fails where it happened), and returns the rows made. Defaults are the world's: Acme Telecom with
 * pat as its lead, and a project `rollout` with Acme in it; overrides change what a test needs.
 */

const done = (reply: string, what: string): string => {
  if (!reply.startsWith(':white_check_mark:')) throw new Error(`${what} failed: ${reply}`);
  return reply;
};

export interface PartnerGiven {
  slug?: string;
  name?: string;
  /** The partner's Slack team (`team=`); null for none. Default: acme's for acme, none for others. */
  teamId?: string | null;
  tier?: string;
  /** Added by hand as its lead; null for none. Default: pat for acme, none for others. */
  lead?: DriverUser | null;
  /** Added by hand as members (`confirm`ed, so people of the vendor's team may be). */
  members?: DriverUser[];
}

/** `partner add` and `partner member add` as the vendor admin; returns the partner's row. */
export async function givenPartner(h: Harness, o: PartnerGiven = {}) {
  const slug = o.slug ?? acme.slug;
  const isAcme = slug === acme.slug;
  const teamId = o.teamId === undefined ? (isAcme ? acme.teamId : null) : o.teamId;
  const name = o.name ?? (isAcme ? acme.name : slug[0]?.toUpperCase() + slug.slice(1));
  const options = [teamId ? ` team=${teamId}` : '', o.tier ? ` tier=${o.tier}` : ''].join('');
  done(await h.ask(people.alice, `partner add ${slug} "${name}"${options}`), `partner add ${slug}`);
  const lead = o.lead === undefined ? (isAcme ? acme.lead : null) : o.lead;
  if (lead)
    done(
      await h.ask(people.alice, `partner member add ${slug} <@${lead.id}> lead confirm`),
      `partner member add ${slug} (lead)`,
    );
  for (const member of o.members ?? [])
    done(await h.ask(people.alice, `partner member add ${slug} <@${member.id}> confirm`), `partner member add ${slug}`);
  const [row] = await h.accord.database.db.select().from(partners).where(eq(partners.slug, slug));
  if (!row) throw new Error(`partner ${slug} is not in the database`);
  return row;
}

export interface ProjectGiven {
  slug?: string;
  name?: string;
  partners?: string[];
  /** Extra options as typed, e.g. `tz=Europe/Riga customer="Big Bank"`. */
  options?: string;
  /** Who creates it (default victor, a vendor member). */
  by?: DriverUser;
  /** People of other organisations who accept the project channel's Slack Connect invitation. */
  accept?: DriverUser[];
}

/** `project create` (and the partners' acceptance of the channel invitation); returns the project's row. */
export async function givenProject(h: Harness, o: ProjectGiven = {}) {
  const slug = o.slug ?? 'rollout';
  const text = `project create ${slug} "${o.name ?? 'Rollout'}" partners=${(o.partners ?? [acme.slug]).join(',')}${o.options ? ` ${o.options}` : ''}`;
  done(await h.ask(o.by ?? people.victor, text), text);
  for (const user of o.accept ?? []) await h.slack.acceptInvitationsFor(user);
  await h.settle();
  const [row] = await h.accord.database.db.select().from(projects).where(eq(projects.slug, slug));
  if (!row) throw new Error(`project ${slug} is not in the database`);
  return row;
}
