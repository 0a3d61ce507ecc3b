import { and, eq } from 'drizzle-orm';
import { partnerMembers } from '../../db/schema';
import { validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';
import { adminSourceOf } from '../admins/is-admin';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { inviteNewMember } from '../projects/invite';
import { findActivePartner, type PartnerRow } from './find-partner';
import { isVendorMemberOutside } from './vendor-standing';

export interface AddMemberInput {
  slug: string;
  userId: string;
  lead: boolean;
  /** Given when the person is of the vendor's own team and may become a partner member. */
  confirm: boolean;
}

/**
 * What adding the person does to their own standing, for the reply: `vendor-member` when a vendor
 * member becomes a partner member (roles are resolved admins first, then partner members, then
 * the vendor team), `admin` when a vendor admin keeps their rights for now, else `none`.
 */
export type RoleChange = 'vendor-member' | 'admin' | 'none';

export type AddMemberResult =
  | { kind: 'confirm'; partner: PartnerRow }
  | { kind: 'added' | 'updated'; partner: PartnerRow; channels: number; roleChange: RoleChange };

/**
 * Adds a member, or changes whether an existing member is a lead. A new member is invited to the
 * channel of every project their partner is in (by Slack Connect when the partner has its own
 * Slack organisation). A vendor member would silently lose their vendor rights, so for them
 * nothing is recorded until the command is repeated with `confirm`.
 */
export async function addPartnerMember({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AddMemberInput;
}): Promise<AddMemberResult> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findActivePartner(ctx.db, input.slug);
  if (ctx.settings.configAdminIds.has(input.userId)) throw validation(partnerRefusals.adminCannotJoin(input.userId));
  const admin = (await adminSourceOf(ctx, input.userId)) !== undefined;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(partnerMembers)
      .where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.userId, input.userId)));
    let roleChange: RoleChange = 'none';
    if (!existing && admin) roleChange = 'admin';
    // A Slack guest, or someone held as a guest since leaving a partner, has no vendor rights to lose.
    else if (!existing && (await isVendorMemberOutside(ctx, tx, input.userId, partner.id)))
      roleChange = 'vendor-member';
    if (roleChange === 'vendor-member' && !input.confirm) return { kind: 'confirm', partner };
    if (existing) {
      await tx
        .update(partnerMembers)
        .set({ lead: input.lead })
        .where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.userId, input.userId)));
    }
    let channels = 0;
    if (!existing) {
      await tx.insert(partnerMembers).values({
        partnerId: partner.id,
        userId: input.userId,
        lead: input.lead,
        addedBy: ctx.actor.userId,
        addedAt: now,
      });
      channels = await inviteNewMember(ctx, tx, partner, input.userId, ctx.actor.userId);
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: existing ? 'partner_member.updated' : 'partner_member.added',
      entityType: 'partner',
      entityId: partner.id,
      data: {
        userId: input.userId,
        lead: input.lead,
        ...(existing ? { wasLead: existing.lead } : {}),
        ...(roleChange === 'none' ? {} : { roleChange }),
      },
    });
    return { kind: existing ? 'updated' : 'added', partner, channels, roleChange };
  });
}
