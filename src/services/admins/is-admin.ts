import { eq } from 'drizzle-orm';
import { admins } from '../../db/schema';
import type { Services } from '../context';

/** An admin by configuration comes first; `inTable`: the user is in the admins table. */
export function adminSourceFrom(
  settings: Services['settings'],
  userId: string,
  inTable: boolean,
): 'config' | 'slack' | undefined {
  if (settings.configAdminIds.has(userId)) return 'config';
  return inTable ? 'slack' : undefined;
}

export async function adminSourceOf(
  services: Pick<Services, 'db' | 'settings'>,
  userId: string,
): Promise<'config' | 'slack' | undefined> {
  if (services.settings.configAdminIds.has(userId)) return 'config';
  const [row] = await services.db.select({ userId: admins.userId }).from(admins).where(eq(admins.userId, userId));
  return row ? 'slack' : undefined;
}

export async function isAdmin(services: Pick<Services, 'db' | 'settings'>, userId: string): Promise<boolean> {
  return (await adminSourceOf(services, userId)) !== undefined;
}
