import { conflict, validation } from '../../errors';
import { admins } from '../../db/schema';
import { mentionUser } from '../../messages/mrkdwn';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { isAdmin } from './is-admin';

export interface AddAdminResult {
  userId: string;
}

export async function addAdmin({ ctx, input }: { ctx: ServiceContext; input: { userId: string } }): Promise<AddAdminResult> {
  requirePermission(ctx.actor, 'manageAdmins');
  const { userId } = input;
  if (await isAdmin(ctx, userId)) throw conflict(`${mentionUser(userId)} is already an Accord admin.`);
  const team = await ctx.directory.teamOf(userId);
  // Unknown is refused too: admin rights are the widest Accord grants, so they need a known vendor team.
  if (team === undefined) {
    throw validation(
      `Slack will not tell me which workspace ${mentionUser(userId)} is in, so I cannot make them an Accord admin: only people of the vendor's own Slack workspace can be. Check that Accord can read their profile, or add them to ACCORD_ADMIN_USER_IDS.`,
    );
  }
  if (team !== ctx.settings.vendorTeamId) {
    throw validation(`${mentionUser(userId)} is not in the vendor's Slack workspace; only vendor users can be Accord admins.`);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(admins).values({ userId, addedBy: ctx.actor.userId, addedAt: now }).onConflictDoNothing().returning();
    // Two admins adding the same person at once: the second one is told, nothing is doubled.
    if (inserted.length === 0) throw conflict(`${mentionUser(userId)} is already an Accord admin.`);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'admin.added', entityType: 'admin', entityId: userId });
    await ctx.gateway.sendDirectMessage(tx, userId, {
      text: `${mentionUser(ctx.actor.userId)} made you an Accord admin. You can now manage partners, SLA policies, scores and settlement. Type \`/accord help admin\` to see how.`,
    });
  });
  return { userId };
}
