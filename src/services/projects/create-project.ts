import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { projectPartners, projects } from '../../db/schema';
import { isCustomerStage, type CustomerStage } from '../../domain/raci/stages';
import { isValidTimeZone } from '../../domain/time-zone';
import { AccordError, conflict, validation } from '../../errors';
import { projectRefusals } from '../../messages/project';
import { postProjectCard } from './project-card';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { validateSlug } from '../partners/add-partner';
import { findActivePartner, type PartnerRow } from '../partners/find-partner';
import { invitePartnerToProject } from './invite';
import type { ProjectRow } from './find-project';

export interface CreateProjectInput {
  slug: string;
  name: string;
  partnerSlugs: string[];
  customer: string | undefined;
  channelId: string | undefined;
  timeZone: string | undefined;
  stage: string | undefined;
}

export interface CreatedProject {
  project: ProjectRow;
  partners: PartnerRow[];
  createdChannel: boolean;
  /** People invited by Accord (the creator and hand-added partner members). */
  invited: string[];
  /** Partners whose Slack organisation was sent a Slack Connect invitation, addressed to a known person. */
  sharedWith: string[];
  /** Partners invited by Slack Connect through a contact's email, as Accord knows none of their people's ids. */
  sharedByEmail: string[];
  /** Partners with a Slack team but no known member to address the invitation to. */
  notShared: string[];
}

// Slack channel names: lower case, at most 80 characters; the prefix keeps Accord's together.
const CHANNEL_PREFIX = 'accord-';

/**
 * Creates the project and its shared channel (docs/product.md §3). Slack is asked for the channel
 * first because its id is needed; everything else (the record, the partners, the invitations and
 * the welcome) is written in one transaction, the Slack parts as outbox messages that are
 * delivered and retried after it commits. If that transaction fails after the channel was made,
 * the person is told the channel exists and how to finish. The welcome is the project card
 * (src/messages/project-card.ts), pinned.
 */
export async function createProject({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateProjectInput;
}): Promise<CreatedProject> {
  requirePermission(ctx.actor, 'manageProjects');
  validateSlug(input.slug, 'project');
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw validation(projectRefusals.nameLength());
  const customer = input.customer?.trim() || null;
  if (customer !== null && customer.length > 100) throw validation(projectRefusals.customerLength());
  const timeZone = input.timeZone ?? ctx.settings.defaultTimeZone;
  if (!isValidTimeZone(timeZone)) throw validation(projectRefusals.unknownTimeZone(input.timeZone ?? ''));
  let stage: CustomerStage = 'acquisition';
  if (input.stage !== undefined) {
    if (!isCustomerStage(input.stage)) throw validation(projectRefusals.notACustomerStage(input.stage));
    stage = input.stage;
  }
  if (input.partnerSlugs.length === 0) throw validation(projectRefusals.noPartners());
  const slugs = [...new Set(input.partnerSlugs)];
  const partnerRows: PartnerRow[] = [];
  for (const slug of slugs) partnerRows.push(await findActivePartner(ctx.db, slug));

  const [taken] = await ctx.db.select({ slug: projects.slug }).from(projects).where(eq(projects.slug, input.slug));
  if (taken) throw conflict(projectRefusals.slugTaken(input.slug));

  let channelId: string;
  let createdChannel = false;
  if (input.channelId !== undefined) {
    const [used] = await ctx.db
      .select({ slug: projects.slug })
      .from(projects)
      .where(eq(projects.channelId, input.channelId));
    if (used) throw conflict(projectRefusals.channelTaken(input.channelId, used.slug));
    const prepared = await ctx.channels.prepare(input.channelId);
    if (!prepared.ok) throw channelProblem(prepared.error, input.channelId);
    channelId = input.channelId;
  } else {
    const channelName = `${CHANNEL_PREFIX}${input.slug}`;
    const created = await ctx.channels.create(channelName);
    if (!created.ok) {
      if (created.error === 'name_taken') {
        throw conflict(projectRefusals.channelNameTaken(channelName));
      }
      throw new AccordError('UNAVAILABLE', projectRefusals.channelNotCreated(channelName, created.error));
    }
    channelId = created.channelId;
    createdChannel = true;
  }

  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [project] = await tx
        .insert(projects)
        .values({
          slug: input.slug,
          name,
          customer,
          channelId,
          timeZone,
          stage,
          ownerUserId: ctx.actor.userId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!project) throw conflict(projectRefusals.createdAMomentAgo(input.slug, channelId));
      await tx
        .insert(projectPartners)
        .values(partnerRows.map((p, position) => ({ projectId: project.id, partnerId: p.id, position })));
      const invites = await inviteAll(ctx, tx, now, project, partnerRows);
      const card = await postProjectCard(tx, ctx.gateway, project, partnerRows, ctx.actor.userId);
      await recordAudit(tx, now, ctx.actor.userId, {
        action: 'project.created',
        entityType: 'project',
        entityId: project.id,
        data: {
          slug: project.slug,
          name,
          customer,
          channelId,
          createdChannel,
          timeZone,
          stage,
          partners: slugs,
          ...invites,
        },
      });
      return {
        project: { ...project, cardOutboxId: card.outboxId },
        partners: partnerRows,
        createdChannel,
        ...invites,
      };
    });
  } catch (err) {
    if (!createdChannel) throw err;
    // The channel exists in Slack but nothing else does: say so, and how to finish.
    const detail = err instanceof AccordError ? err.message : undefined;
    ctx.log.error('project record failed after its channel was created', { channelId, slug: input.slug, err });
    throw new AccordError(
      err instanceof AccordError ? err.code : 'UNAVAILABLE',
      projectRefusals.recordFailed(channelId, detail),
    );
  }
}

async function inviteAll(
  ctx: ServiceContext,
  tx: Tx,
  now: Date,
  project: ProjectRow,
  partnerRows: PartnerRow[],
): Promise<Pick<CreatedProject, 'invited' | 'sharedWith' | 'sharedByEmail' | 'notShared'>> {
  await ctx.gateway.inviteToChannel(tx, project.channelId, [ctx.actor.userId], { reportTo: ctx.actor.userId });
  const invited = new Set<string>([ctx.actor.userId]);
  const sharedWith: string[] = [];
  const sharedByEmail: string[] = [];
  const notShared: string[] = [];
  for (const partner of partnerRows) {
    const r = await invitePartnerToProject(ctx, tx, now, { project, partner, skip: invited });
    for (const u of r.local) invited.add(u);
    if (r.shared === 'user') sharedWith.push(partner.slug);
    else if (r.shared === 'email') sharedByEmail.push(partner.slug);
    else if (r.unaddressable) notShared.push(partner.slug);
  }
  return { invited: [...invited], sharedWith, sharedByEmail, notShared };
}

function channelProblem(error: string, channelId: string): AccordError {
  switch (error) {
    case 'not_in_channel':
      return validation(projectRefusals.privateChannel(channelId));
    case 'is_archived':
      return validation(projectRefusals.archivedChannel(channelId));
    case 'channel_not_found':
      return validation(projectRefusals.unseenChannel(channelId));
    default:
      return new AccordError('UNAVAILABLE', projectRefusals.channelRefused(channelId, error));
  }
}
