import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { admins, partnerMembers, partners, raciActivities } from '../../db/schema';
import type { LevelSpec } from '../../domain/escalations/policy';
import { normaliseActivity } from '../../domain/raci/activity';
import type { Party } from '../../domain/raci/party';
import type { AccordSettings } from '../context';
import type { LoadedEscalation } from './find-escalation';

async function leadsOf(tx: DbOrTx, partnerId: number): Promise<string[]> {
  const rows = await tx
    .select({ userId: partnerMembers.userId })
    .from(partnerMembers)
    .where(and(eq(partnerMembers.partnerId, partnerId), eq(partnerMembers.lead, true)));
  return rows.map((r) => r.userId);
}

async function adminIds(tx: DbOrTx, settings: AccordSettings): Promise<string[]> {
  const rows = await tx.select({ userId: admins.userId }).from(admins);
  return [...new Set([...settings.configAdminIds, ...rows.map((r) => r.userId)])];
}

async function usersOfParty(tx: DbOrTx, party: Party, loaded: LoadedEscalation): Promise<string[]> {
  switch (party.kind) {
    case 'user':
      return [party.userId];
    case 'vendor':
      return [loaded.project.ownerUserId];
    case 'partner': {
      // Only the target's own people: an escalation the vendor took instead of another partner
      // (a partner member's, on an activity another partner is Accountable for) must not page that partner.
      if (loaded.target?.slug !== party.slug) return [];
      const [partner] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.slug, party.slug));
      return partner ? leadsOf(tx, partner.id) : [];
    }
  }
}

/**
 * The people a level reaches, worked out when it is notified (so a lead added meanwhile is
 * included). A level that reaches nobody (a partner without leads, no Accountable) falls back to
 * the project owner: an escalation must always reach someone.
 */
export async function usersForLevel(
  tx: DbOrTx,
  settings: AccordSettings,
  loaded: LoadedEscalation,
  level: LevelSpec,
): Promise<string[]> {
  let users: string[];
  switch (level.kind) {
    case 'user':
      users = [level.userId];
      break;
    case 'owner':
      users = [loaded.project.ownerUserId];
      break;
    case 'admins':
      users = await adminIds(tx, settings);
      break;
    case 'lead':
      users = loaded.target ? await leadsOf(tx, loaded.target.id) : [loaded.project.ownerUserId];
      break;
    case 'accountable': {
      const name = loaded.escalation.activity;
      const [activity] = name
        ? await tx
            .select({ accountable: raciActivities.accountable })
            .from(raciActivities)
            .where(
              and(eq(raciActivities.projectId, loaded.project.id), eq(raciActivities.nameKey, normaliseActivity(name))),
            )
        : [];
      users = activity ? await usersOfParty(tx, activity.accountable, loaded) : [];
      break;
    }
  }
  const unique = [...new Set(users)];
  return unique.length > 0 ? unique : [loaded.project.ownerUserId];
}
