import { and, eq } from 'drizzle-orm';
import { partners, type PartnerTier } from '../../db/schema';
import { conflict, validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { partnerSlugPattern } from './memberships';
import type { PartnerRow } from './find-partner';

export interface AddPartnerInput {
  slug: string;
  name: string;
  tier: PartnerTier;
  slackTeamId: string | undefined;
}

// In a RACI `vendor` means the vendor and `none` empties a role, so partners cannot be named so.
const RESERVED_PARTNER_SLUGS = new Set(['vendor', 'none']);

export function validateSlug(slug: string, what: 'partner' | 'project' = 'partner'): void {
  const lower = slug.toLowerCase();
  if (lower !== slug && partnerSlugPattern.test(lower)) {
    throw validation(partnerRefusals.slugNotLowerCase(slug, lower));
  }
  if (slug.length < 2 || slug.length > 40 || !partnerSlugPattern.test(slug)) {
    throw validation(partnerRefusals.badSlug(slug, what));
  }
  if (what === 'partner' && RESERVED_PARTNER_SLUGS.has(slug)) {
    throw validation(partnerRefusals.reservedSlug(slug));
  }
}

export async function addPartner({ ctx, input }: { ctx: ServiceContext; input: AddPartnerInput }): Promise<PartnerRow> {
  requirePermission(ctx.actor, 'manageNetwork');
  validateSlug(input.slug);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw validation(partnerRefusals.nameLength());
  if (input.slackTeamId !== undefined && input.slackTeamId === ctx.settings.vendorTeamId) {
    throw validation(partnerRefusals.vendorTeam());
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.slug, input.slug));
    if (taken) throw conflict(partnerRefusals.slugTaken(input.slug));
    if (input.slackTeamId) {
      const [sameTeam] = await tx
        .select({ slug: partners.slug })
        .from(partners)
        .where(and(eq(partners.slackTeamId, input.slackTeamId), eq(partners.status, 'active')));
      if (sameTeam) throw conflict(partnerRefusals.teamTaken(input.slackTeamId, sameTeam.slug));
    }
    const [row] = await tx
      .insert(partners)
      .values({
        slug: input.slug,
        name,
        tier: input.tier,
        slackTeamId: input.slackTeamId ?? null,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(partnerRefusals.slugTaken(input.slug));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner.added',
      entityType: 'partner',
      entityId: row.id,
      data: { slug: row.slug, name, tier: row.tier, slackTeamId: row.slackTeamId },
    });
    return row;
  });
}
