import { asc } from 'drizzle-orm';
import { admins } from '../../db/schema';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';

export interface AdminEntry {
  userId: string;
  source: 'config' | 'slack';
  addedBy?: string;
  addedAt?: Date;
}

export async function listAdmins({ ctx }: { ctx: ServiceContext }): Promise<AdminEntry[]> {
  requirePermission(ctx.actor, 'manageAdmins');
  const fromSlack = await ctx.db.select().from(admins).orderBy(asc(admins.addedAt));
  const fromConfig: AdminEntry[] = [...ctx.settings.configAdminIds]
    .sort()
    .map((userId) => ({ userId, source: 'config' }));
  return [
    ...fromConfig,
    ...fromSlack
      .filter((a) => !ctx.settings.configAdminIds.has(a.userId))
      .map((a) => ({ userId: a.userId, source: 'slack' as const, addedBy: a.addedBy, addedAt: a.addedAt })),
  ];
}
