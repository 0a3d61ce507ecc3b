import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import {
  escalationEvents,
  escalations,
  partnerMembers,
  partners,
  projectPartners,
  projects,
  raciActivities,
  risks,
} from '../../db/schema';
import { describeRaciChange, type RaciAssignment } from '../../domain/raci/assignment';
import { sameParty, type Party } from '../../domain/raci/party';
import { validation } from '../../errors';
import {
  escalationHandedOverNotice,
  handoverLabel as partnerHandoverLabel,
  partnerLeftProjectNotice,
} from '../../messages/partner/notices';
import { partnerRefusals } from '../../messages/partner/refusals';
import { adminSourceOf } from '../admins/is-admin';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { vendorGuestReason } from '../resolve-actor';
import { channelsOfPartner, invitePartnerToProject, splitMembers } from '../projects/invite';
import { findActivePartner, type PartnerRow } from './find-partner';
import { hasLeftPartner } from './memberships';
import { recordDeparture, standingAfterLeaving } from './vendor-standing';

export type HandoverTarget = { kind: 'partner'; slug: string } | { kind: 'user'; userId: string };

export interface HandedOver {
  project: string;
  activity: string;
  changes: string[];
}

export interface ExitResult {
  partner: PartnerRow;
  handedOver: HandedOver[];
  /** Open escalations that targeted the partner and now target the handover party. */
  escalations: number[];
  /** Open risks the partner's people owned, now owned by the handover party. */
  risks: number[];
  handoverLabel: string;
  /** Project channels the partner's members were removed from (partners without their own Slack). */
  removedFrom: number;
  /** Project channels shared with the partner's own Slack organisation, which a Slack admin must stop sharing. */
  stillShared: string[];
  /** Hand-added members of the vendor's own workspace who are now guests, until `/accord vendor reinstate`. */
  nowGuests: string[];
}

function replaceParty(list: Party[], from: Party, to: Party): Party[] {
  const out: Party[] = [];
  for (const p of list.map((x) => (sameParty(x, from) ? to : x))) if (!out.some((q) => sameParty(q, p))) out.push(p);
  return out;
}

/** The exiting partner's roles, given to the handover party; C and I never duplicate an R or A. */
export function handOverAssignment(a: RaciAssignment, from: Party, to: Party): RaciAssignment {
  const responsible = replaceParty(a.responsible, from, to);
  const accountable = sameParty(a.accountable, from) ? to : a.accountable;
  const holds = (p: Party) => responsible.some((q) => sameParty(q, p)) || sameParty(accountable, p);
  return {
    responsible,
    accountable,
    consulted: replaceParty(a.consulted, from, to).filter((p) => !holds(p)),
    informed: replaceParty(a.informed, from, to).filter((p) => !holds(p)),
  };
}

const involves = (a: RaciAssignment, p: Party) =>
  [...a.responsible, a.accountable, ...a.consulted, ...a.informed].some((q) => sameParty(q, p));

/**
 * Exit with handover (docs/domain.md §2, stage 6): in one transaction the partner is marked exited
 * (its members lose access, its history stays), and every RACI role it held passes to the
 * handover party, each change recorded and announced in the project's channel.
 */
export async function exitPartner({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; reason: string; handover: HandoverTarget };
}): Promise<ExitResult> {
  requirePermission(ctx.actor, 'manageNetwork');
  const reason = input.reason.trim();
  if (reason.length === 0) throw validation(partnerRefusals.exitReasonMissing());
  const partner = await findActivePartner(ctx.db, input.slug);
  let to: Party;
  let handoverLabel: string;
  let handoverPartner: PartnerRow | undefined;
  if (input.handover.kind === 'partner') {
    if (input.handover.slug === partner.slug) throw validation(partnerRefusals.handoverToItself());
    handoverPartner = await findActivePartner(ctx.db, input.handover.slug);
    to = { kind: 'partner', slug: handoverPartner.slug };
    handoverLabel = partnerHandoverLabel({ kind: 'partner', name: handoverPartner.name });
  } else {
    await requireVendorPerson(ctx, partner, input.handover.userId);
    to = { kind: 'user', userId: input.handover.userId };
    handoverLabel = partnerHandoverLabel({ kind: 'user', userId: input.handover.userId });
  }
  const from: Party = { kind: 'partner', slug: partner.slug };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const exited = await tx
      .update(partners)
      .set({
        status: 'exited',
        exitReason: reason,
        exitedAt: now,
        handoverTo: input.handover.kind === 'partner' ? input.handover.slug : input.handover.userId,
      })
      .where(and(eq(partners.id, partner.id), eq(partners.status, 'active')))
      .returning();
    if (exited.length === 0) throw validation(partnerRefusals.alreadyExited(partner.slug));
    const handedOver = await handOverRaci(ctx, tx, { partner, from, to, handoverPartner, handoverLabel, now });
    const movedEscalations = await handOverEscalations(ctx, tx, { partner, handoverPartner, handoverLabel, now });
    const movedRisks = await handOverRisks(ctx, tx, {
      partner,
      handoverPartner,
      handoverUser: input.handover.kind === 'user' ? input.handover.userId : undefined,
      now,
    });
    // Accord stops treating them as members at once (exited partners grant nothing); in Slack,
    // hand-added people of this workspace are removed from the project channels. A channel shared
    // with the partner's own organisation can only be unshared by a Slack admin, so it is listed.
    const channels = await channelsOfPartner(tx, partner.id);
    const members = await tx
      .select({ userId: partnerMembers.userId })
      .from(partnerMembers)
      .where(eq(partnerMembers.partnerId, partner.id));
    const { local } = await splitMembers(
      ctx,
      members.map((m) => m.userId),
    );
    for (const channelId of channels)
      for (const userId of local)
        await ctx.gateway.removeFromChannel(tx, channelId, userId, { reportTo: ctx.actor.userId });
    // The partner_members rows stay as its history; each hand-added member's departure is recorded
    // too, so nobody of the vendor's workspace falls back to being a vendor member (see resolveActor).
    const nowGuests: string[] = [];
    for (const { userId } of members) {
      await recordDeparture(tx, { partnerId: partner.id, userId, reason: 'exited', at: now, by: ctx.actor.userId });
      if ((await standingAfterLeaving(ctx, tx, userId, partner.id)) === 'guest') nowGuests.push(userId);
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner.exited',
      entityType: 'partner',
      entityId: partner.id,
      data: {
        reason,
        handover: input.handover,
        handedOver,
        escalations: movedEscalations,
        risks: movedRisks,
        ...(nowGuests.length > 0 ? { nowGuests } : {}),
      },
    });
    return {
      partner: { ...partner, status: 'exited' as const },
      handedOver,
      escalations: movedEscalations,
      risks: movedRisks,
      handoverLabel,
      removedFrom: local.length > 0 ? channels.length : 0,
      stillShared: partner.slackTeamId ? channels : [],
      nowGuests: nowGuests.sort((a, b) => a.localeCompare(b)),
    };
  });
}

/**
 * A person taking over must be able to act on the work: someone of the vendor team (an admin or a
 * vendor member), and not one of the exiting partner's own people, who lose access in this step.
 * Work goes to another partner by naming its slug.
 */
async function requireVendorPerson(ctx: ServiceContext, partner: PartnerRow, userId: string): Promise<void> {
  const [member] = await ctx.db
    .select()
    .from(partnerMembers)
    .where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.userId, userId)));
  const team = await ctx.directory.teamOf(userId);
  if (member || (partner.slackTeamId !== null && team === partner.slackTeamId)) {
    throw validation(partnerRefusals.handoverToLeaver(userId));
  }
  if (!ctx.settings.configAdminIds.has(userId) && team !== ctx.settings.vendorTeamId) {
    throw validation(partnerRefusals.handoverOutsideVendor(userId));
  }
  // A guest of the vendor's workspace (Slack guest, or left a partner and not reinstated) could not act on it either.
  if (
    (await adminSourceOf(ctx, userId)) === undefined &&
    (await vendorGuestReason(ctx.directory, userId, () => hasLeftPartner(ctx.db, userId))) !== undefined
  ) {
    throw validation(partnerRefusals.handoverToGuest(userId));
  }
}

/**
 * The partner's open escalations keep their timers and history but now target the handover
 * party: another partner, or the vendor team when a vendor person takes over.
 */
async function handOverEscalations(
  ctx: ServiceContext,
  tx: Tx,
  o: { partner: PartnerRow; handoverPartner: PartnerRow | undefined; handoverLabel: string; now: Date },
): Promise<number[]> {
  const open = await tx
    .update(escalations)
    .set({ targetPartnerId: o.handoverPartner?.id ?? null })
    .where(and(eq(escalations.targetPartnerId, o.partner.id), inArray(escalations.status, ['open', 'acknowledged'])))
    .returning();
  for (const e of open) {
    await tx.insert(escalationEvents).values({
      escalationId: e.id,
      at: o.now,
      actor: ctx.actor.userId,
      kind: 'handed_over',
      data: { from: o.partner.slug, to: o.handoverPartner?.slug ?? 'vendor' },
    });
    const [project] = await tx.select().from(projects).where(eq(projects.id, e.projectId));
    if (!project) continue;
    const message = escalationHandedOverNotice(o.partner.name, e.id, o.handoverPartner ? o.handoverLabel : undefined);
    await ctx.gateway.postMessage(tx, project.channelId, message, {
      ...(e.messageOutboxId !== null ? { threadOf: { outboxId: e.messageOutboxId } } : {}),
      reportTo: ctx.actor.userId,
    });
  }
  return open.map((e) => e.id);
}

/**
 * Open risks owned for the partner pass to the handover party: to the person named, or to the
 * handover partner (owned by its first lead, when it has one). Each change is audited.
 */
async function handOverRisks(
  ctx: ServiceContext,
  tx: Tx,
  o: { partner: PartnerRow; handoverPartner: PartnerRow | undefined; handoverUser: string | undefined; now: Date },
): Promise<number[]> {
  let owner: string | null = o.handoverUser ?? null;
  if (o.handoverPartner) {
    const [lead] = await tx
      .select({ userId: partnerMembers.userId })
      .from(partnerMembers)
      .where(and(eq(partnerMembers.partnerId, o.handoverPartner.id), eq(partnerMembers.lead, true)));
    owner = lead?.userId ?? null;
  }
  const moved = await tx
    .update(risks)
    .set({
      ownerUserId: owner,
      partnerId: o.handoverPartner?.id ?? null,
      updatedBy: ctx.actor.userId,
      updatedAt: o.now,
    })
    .where(and(eq(risks.partnerId, o.partner.id), eq(risks.status, 'open')))
    .returning({ id: risks.id });
  for (const r of moved)
    await recordAudit(tx, o.now, ctx.actor.userId, {
      action: 'risk.handed_over',
      entityType: 'risk',
      entityId: r.id,
      data: { from: o.partner.slug, toPartner: o.handoverPartner?.slug ?? null, owner },
    });
  return moved.map((r) => r.id);
}

async function handOverRaci(
  ctx: ServiceContext,
  tx: Tx,
  o: {
    partner: PartnerRow;
    from: Party;
    to: Party;
    handoverPartner: PartnerRow | undefined;
    handoverLabel: string;
    now: Date;
  },
): Promise<HandedOver[]> {
  const links = await tx
    .select({ projectId: projectPartners.projectId })
    .from(projectPartners)
    .where(eq(projectPartners.partnerId, o.partner.id));
  const projectIds = links.map((l) => l.projectId);
  if (projectIds.length === 0) return [];
  const projectRows = await tx.select().from(projects).where(inArray(projects.id, projectIds));
  const activities = await tx.select().from(raciActivities).where(inArray(raciActivities.projectId, projectIds));
  const handedOver: HandedOver[] = [];
  for (const project of projectRows) {
    if (o.handoverPartner) {
      const partnerCount = await tx
        .select({ partnerId: projectPartners.partnerId })
        .from(projectPartners)
        .where(eq(projectPartners.projectId, project.id));
      const joined = await tx
        .insert(projectPartners)
        .values({ projectId: project.id, partnerId: o.handoverPartner.id, position: partnerCount.length })
        .onConflictDoNothing()
        .returning();
      if (joined.length > 0) await invitePartnerToProject(ctx, tx, o.now, { project, partner: o.handoverPartner });
    }
    const moved: Array<{ activity: string; changes: string[] }> = [];
    for (const activity of activities.filter((a) => a.projectId === project.id)) {
      const before: RaciAssignment = {
        responsible: activity.responsible,
        accountable: activity.accountable,
        consulted: activity.consulted,
        informed: activity.informed,
      };
      if (!involves(before, o.from)) continue;
      const after = handOverAssignment(before, o.from, o.to);
      await tx
        .update(raciActivities)
        .set({ ...after, updatedBy: ctx.actor.userId, updatedAt: o.now })
        .where(eq(raciActivities.id, activity.id));
      const names = {
        [o.partner.slug]: o.partner.name,
        ...(o.handoverPartner ? { [o.handoverPartner.slug]: o.handoverPartner.name } : {}),
      };
      const changes = describeRaciChange(before, after, names);
      await recordAudit(tx, o.now, ctx.actor.userId, {
        action: 'raci.handed_over',
        entityType: 'raci_activity',
        entityId: activity.id,
        data: { project: project.slug, activity: activity.name, before, after },
      });
      handedOver.push({ project: project.slug, activity: activity.name, changes });
      moved.push({ activity: activity.name, changes });
    }
    await ctx.gateway.postMessage(
      tx,
      project.channelId,
      partnerLeftProjectNotice(o.partner.name, o.handoverLabel, moved),
      { reportTo: ctx.actor.userId },
    );
  }
  return handedOver;
}
