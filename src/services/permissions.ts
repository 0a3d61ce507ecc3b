import { forbidden } from '../errors';
import type { Actor } from './context';

/** product.md §2's table, one entry per row; the refusal names who may do it. */
export const permissionRules = {
  manageAdmins: { who: ['admin'], refusal: 'Only vendor admins can manage Accord admins.' },
} as const satisfies Record<string, { who: readonly Actor['role'][]; refusal: string }>;

export type PermissionAction = keyof typeof permissionRules;

export function can(actor: Actor, action: PermissionAction): boolean {
  return (permissionRules[action].who as readonly string[]).includes(actor.role);
}

export function requirePermission(actor: Actor, action: PermissionAction): void {
  if (!can(actor, action)) throw forbidden(permissionRules[action].refusal);
}
