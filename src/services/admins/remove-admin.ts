import { eq } from 'drizzle-orm';
import { admins } from '../../db/schema';
import { conflict, notFound, validation } from '../../errors';
import { mentionUser } from '../../messages/mrkdwn';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { adminSourceOf } from './is-admin';

export async function removeAdmin({ ctx, input }: { ctx: ServiceContext; input: { userId: string } }): Promise<{ userId: string }> {
  requirePermission(ctx.actor, 'manageAdmins');
  const { userId } = input;
  const source = await adminSourceOf(ctx, userId);
  if (source === undefined) throw notFound(`${mentionUser(userId)} is not an Accord admin.`);
  if (source === 'config') {
    throw validation(`${mentionUser(userId)} is an admin through the ACCORD_ADMIN_USER_IDS setting; remove them there and restart Accord.`);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(admins).where(eq(admins.userId, userId)).returning();
    if (removed.length === 0) throw notFound(`${mentionUser(userId)} is not an Accord admin.`);
    // Checked after the delete, inside the transaction, so two admins removing each other at once
    // cannot leave the vendor with none.
    const remaining = await tx.select({ userId: admins.userId }).from(admins);
    if (remaining.length === 0 && ctx.settings.configAdminIds.size === 0) {
      throw conflict(`${mentionUser(userId)} is the last Accord admin; add another admin first.`);
    }
    await recordAudit(tx, now, ctx.actor.userId, { action: 'admin.removed', entityType: 'admin', entityId: userId });
  });
  return { userId };
}
