import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { lockFor } from './transition-common';

/** Before the resolve form opens: is there anything to resolve, and may this person? */
export async function checkCanResolve({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}): Promise<{ title: string }> {
  return ctx.db.transaction(async (tx) => {
    const { loaded, resource } = await lockFor(ctx, tx, input.id, { kind: 'resolve' });
    requirePermission(ctx.actor, 'acknowledgeEscalation', resource);
    return { title: loaded.escalation.title };
  });
}
