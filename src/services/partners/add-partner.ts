import { and, eq } from 'drizzle-orm';
import { partners, type PartnerTier } from '../../db/schema';
import { conflict, validation } from '../../errors';
import { escapeText } from '../../messages/mrkdwn';
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
    throw validation(`Slugs are lower case: use \`${escapeText(lower.slice(0, 40))}\` instead of \`${escapeText(slug.slice(0, 40))}\`.`);
  }
  if (slug.length < 2 || slug.length > 40 || !partnerSlugPattern.test(slug)) {
    throw validation(`\`${escapeText(slug.slice(0, 40))}\` cannot be a ${what} slug: use 2–40 lower-case letters, digits and single dashes, e.g. \`acme-telecom\`.`);
  }
  if (what === 'partner' && RESERVED_PARTNER_SLUGS.has(slug)) {
    throw validation(`\`${slug}\` cannot be a partner slug: it has its own meaning in RACI assignments. Pick another.`);
  }
}

export async function addPartner({ ctx, input }: { ctx: ServiceContext; input: AddPartnerInput }): Promise<PartnerRow> {
  requirePermission(ctx.actor, 'manageNetwork');
  validateSlug(input.slug);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw validation('The partner name must be 1–100 characters.');
  if (input.slackTeamId !== undefined && input.slackTeamId === ctx.settings.vendorTeamId) {
    throw validation('That is the vendor’s own Slack team; give the partner’s team id (it starts with T).');
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.slug, input.slug));
    if (taken) throw conflict(`A partner \`${input.slug}\` already exists; pick another slug.`);
    if (input.slackTeamId) {
      const [sameTeam] = await tx
        .select({ slug: partners.slug })
        .from(partners)
        .where(and(eq(partners.slackTeamId, input.slackTeamId), eq(partners.status, 'active')));
      if (sameTeam) throw conflict(`Slack team ${input.slackTeamId} is already registered for partner \`${sameTeam.slug}\`.`);
    }
    const [row] = await tx
      .insert(partners)
      .values({ slug: input.slug, name, tier: input.tier, slackTeamId: input.slackTeamId ?? null, createdBy: ctx.actor.userId, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(`A partner \`${input.slug}\` already exists; pick another slug.`);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'partner.added', entityType: 'partner', entityId: row.id, data: { slug: row.slug, name, tier: row.tier, slackTeamId: row.slackTeamId } });
    return row;
  });
}
