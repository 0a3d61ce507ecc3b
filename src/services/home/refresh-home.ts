import { buildHomeView } from '../../slack/blocks/home';
import type { ServiceContext } from '../context';

/** Publishes the acting user's App Home through the outbox. */
export async function refreshHome({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const view = buildHomeView(ctx.actor, ctx.clock.now());
  await ctx.gateway.publishHome(ctx.db, ctx.actor.userId, view);
}
