import { conflict, validation } from '../../errors';
import { admins } from '../../db/schema';
import { adminRefusals, madeAdminNotice } from '../../messages/admin';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { isAdmin } from './is-admin';

export interface AddAdminResult {
  userId: string;
}

export async function addAdmin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { userId: string };
}): Promise<AddAdminResult> {
  requirePermission(ctx.actor, 'manageAdmins');
  const { userId } = input;
  if (await isAdmin(ctx, userId)) throw conflict(adminRefusals.alreadyAdmin(userId));
  const team = await ctx.directory.teamOf(userId);
  // Unknown is refused too: admin rights are the widest Accord grants, so they need a known vendor team.
  if (team === undefined) {
    throw validation(adminRefusals.teamUnknown(userId));
  }
  if (team !== ctx.settings.vendorTeamId) {
    throw validation(adminRefusals.notVendorTeam(userId));
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(admins)
      .values({ userId, addedBy: ctx.actor.userId, addedAt: now })
      .onConflictDoNothing()
      .returning();
    // Two admins adding the same person at once: the second one is told, nothing is doubled.
    if (inserted.length === 0) throw conflict(adminRefusals.alreadyAdmin(userId));
    await recordAudit(tx, now, ctx.actor.userId, { action: 'admin.added', entityType: 'admin', entityId: userId });
    await ctx.gateway.sendDirectMessage(tx, userId, madeAdminNotice(ctx.actor.userId));
  });
  return { userId };
}
