import { and, eq } from 'drizzle-orm';
import { partnerMembers } from '../../db/schema';
import { validation } from '../../errors';
import { mentionUser } from '../../slack/blocks/text';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { channelsOfPartner, invitePartnerMembers } from '../projects/invite';
import { findActivePartner } from './find-partner';

/**
 * Adds a member, or changes whether an existing member is a lead. A new member is invited to the
 * channel of every project their partner is in (by Slack Connect when the partner has its own
 * Slack organisation).
 */
export async function addPartnerMember({ ctx, input }: { ctx: ServiceContext; input: { slug: string; userId: string; lead: boolean } }): Promise<{ updated: boolean; channels: number }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findActivePartner(ctx.db, input.slug);
  if (ctx.settings.configAdminIds.has(input.userId)) throw validation(`${mentionUser(input.userId)} is a vendor admin and cannot also be a partner member.`);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(partnerMembers).where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.userId, input.userId)));
    if (existing) {
      await tx.update(partnerMembers).set({ lead: input.lead }).where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.userId, input.userId)));
    }
    const channels = existing ? [] : await channelsOfPartner(tx, partner.id);
    if (!existing) {
      await tx.insert(partnerMembers).values({ partnerId: partner.id, userId: input.userId, lead: input.lead, addedBy: ctx.actor.userId, addedAt: now });
      for (const channelId of channels) await invitePartnerMembers(ctx, tx, channelId, partner, [input.userId], ctx.actor.userId);
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: existing ? 'partner_member.updated' : 'partner_member.added',
      entityType: 'partner',
      entityId: partner.id,
      data: { userId: input.userId, lead: input.lead, ...(existing ? { wasLead: existing.lead } : {}) },
    });
    return { updated: existing !== undefined, channels: channels.length };
  });
}

export async function removePartnerMember({ ctx, input }: { ctx: ServiceContext; input: { slug: string; userId: string } }): Promise<void> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findActivePartner(ctx.db, input.slug);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(partnerMembers).where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.userId, input.userId))).returning();
    if (removed.length === 0) {
      throw validation(`${mentionUser(input.userId)} is not a member of ${partner.name} by hand${partner.slackTeamId ? ' (members through its Slack team stay members while they are in that team)' : ''}.`);
    }
    await recordAudit(tx, now, ctx.actor.userId, { action: 'partner_member.removed', entityType: 'partner', entityId: partner.id, data: { userId: input.userId } });
  });
}
