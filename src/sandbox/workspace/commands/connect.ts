import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/rows';
import { teamLabels, VENDOR_TEAM } from '../people';
import type { Session } from '../session';

/**
 * Plays the partner organisation's side of Slack Connect: each pending invitation addressed to
 * one of the partner's people (by id, by a contact email, or to its Slack team) is accepted by
 * that person, and Slack's events about it reach Accord.
 */
export async function acceptInvitations(s: Session, rest: string): Promise<string[]> {
  const { accord, driver } = s.started();
  const slug = rest.trim().toLowerCase();
  if (!/^[a-z0-9-]+$/.test(slug)) return ['Type: accept <partner>, e.g. accept acme.'];
  const db = accord.database.db;
  const [partner] = await queryRows<{ id: number | string; slack_team_id: string | null }>(
    db,
    sql`select id, slack_team_id from partners where slug = ${slug}`,
  );
  if (!partner) return [`There is no partner “${slug}” in Accord; /accord partner list shows them.`];
  const members = await queryRows<{ user_id: string }>(
    db,
    sql`select user_id from partner_members where partner_id = ${Number(partner.id)}`,
  );
  const contacts = await queryRows<{ email: string }>(
    db,
    sql`select email from partner_contacts where partner_id = ${Number(partner.id)}`,
  );
  const memberIds = new Set(members.map((m) => m.user_id));
  const emails = new Set(contacts.map((c) => c.email));
  const acceptor = (i: { userId?: string; email?: string }) =>
    i.userId
      ? s.standIn.users.get(i.userId)
      : [...s.standIn.users.values()].find((u) => u.email !== undefined && u.email.toLowerCase() === i.email);
  const mine = s.standIn.pendingInvitations().filter((i) => {
    const user = acceptor(i);
    return (
      (i.userId !== undefined && memberIds.has(i.userId)) ||
      (i.email !== undefined && emails.has(i.email)) ||
      (user !== undefined && user.teamId === partner.slack_team_id)
    );
  });
  if (mine.length === 0) return [`No Slack Connect invitation for ${slug} is pending.`];
  const out: string[] = [];
  for (const invitation of mine) {
    const user = acceptor(invitation);
    const channel = `#${s.names.channel(invitation.channel) ?? invitation.channel}`;
    if (!user || user.teamId === VENDOR_TEAM) {
      out.push(
        `Nobody in the sandbox reads ${invitation.email ?? invitation.userId ?? 'that address'}, so the invitation to ${channel} stays pending.`,
      );
      continue;
    }
    const events = s.standIn.acceptInvitation(invitation.id, user.id);
    const delivered = await driver.events(events);
    const refused = delivered
      .filter((d) => d.status !== 200)
      .map((d) => `Accord answered HTTP ${d.status} to one of these events.`);
    out.push(
      `${user.name} (${teamLabels[user.teamId] ?? user.teamId}) accepted the Slack Connect invitation to ${channel}; Slack sends Accord ${events.map((e) => e.type).join(', ')}.`,
      ...refused,
      ...(await s.settleAndFlush()),
    );
  }
  return out;
}
