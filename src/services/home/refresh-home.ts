import { buildHomeView } from '../../messages/home';
import type { ServiceContext } from '../context';
import { homeContent } from './home-content';

/** Publishes the acting user's App Home through the outbox. */
export async function refreshHome({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const view = buildHomeView(ctx.actor, ctx.clock.now(), await homeContent(ctx));
  await ctx.gateway.publishHome(ctx.db, ctx.actor.userId, view);
}
