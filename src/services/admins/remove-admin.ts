import { eq } from 'drizzle-orm';
import { admins } from '../../db/schema';
import { conflict, notFound, validation } from '../../errors';
import { adminRefusals } from '../../messages/admin';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { adminSourceOf } from './is-admin';

export async function removeAdmin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { userId: string };
}): Promise<{ userId: string }> {
  requirePermission(ctx.actor, 'manageAdmins');
  const { userId } = input;
  const source = await adminSourceOf(ctx, userId);
  if (source === undefined) throw notFound(adminRefusals.notAdmin(userId));
  if (source === 'config') {
    throw validation(adminRefusals.fromSetting(userId));
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(admins).where(eq(admins.userId, userId)).returning();
    if (removed.length === 0) throw notFound(adminRefusals.notAdmin(userId));
    // Checked after the delete, inside the transaction, so two admins removing each other at once
    // cannot leave the vendor with none.
    const remaining = await tx.select({ userId: admins.userId }).from(admins);
    if (remaining.length === 0 && ctx.settings.configAdminIds.size === 0) {
      throw conflict(adminRefusals.lastAdmin(userId));
    }
    await recordAudit(tx, now, ctx.actor.userId, { action: 'admin.removed', entityType: 'admin', entityId: userId });
  });
  return { userId };
}
