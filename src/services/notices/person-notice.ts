import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partnerMembers, partners, projectPartners, projects } from '../../db/schema';
import type { SlackMessage } from '../../messages/types';
import type { DirectMessageFallback, OutboxRef, SlackGateway } from '../ports';

/**
 * Who may read a notice besides its person. `person`: nobody (a statement, a refusal, a failure
 * report), so outside a DM it is only ever an ephemeral. `partner`: the person's partner and the
 * vendor (a certification about to expire), so it may be a channel message where no other partner
 * reads along.
 */
export type NoticePrivacy = 'person' | 'partner';

export interface PersonNotice {
  userId: string;
  message: SlackMessage;
  privacy: NoticePrivacy;
  /** The channel the notice is about (where the person just acted, the project concerned): tried first. */
  channelId?: string;
  /** Channels not to use, e.g. one Slack has just refused. */
  avoidChannels?: readonly string[];
  /** The partner the notice concerns; the person's own partners (added by hand) count too. */
  partnerId?: number;
  /** The vendor person told when the notice reaches its person nowhere. */
  reportTo?: string;
}

/**
 * Where a notice goes when Slack will not deliver the DM: the channel it is about, else one of the
 * person's partners' projects, preferring, for a partner-private notice, a project no other
 * partner is in (then it can be a lasting message that mentions them), and the newest project.
 * Undefined when the person is in no project Accord knows of.
 */
export async function noticePlace(
  tx: DbOrTx,
  notice: Omit<PersonNotice, 'message' | 'reportTo'>,
): Promise<DirectMessageFallback | undefined> {
  const own = await tx
    .select({ partnerId: partnerMembers.partnerId })
    .from(partnerMembers)
    .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
    .where(and(eq(partnerMembers.userId, notice.userId), eq(partners.status, 'active')));
  const theirs = new Set([
    ...(notice.partnerId !== undefined ? [notice.partnerId] : []),
    ...own.map((r) => r.partnerId),
  ]);
  const avoid = new Set(notice.avoidChannels ?? []);
  const placed = (channel: string, onlyTheirs: boolean): DirectMessageFallback => ({
    channel,
    kind: notice.privacy === 'partner' && onlyTheirs ? 'mention' : 'ephemeral',
  });

  const partnersIn = async (projectIds: number[]) => {
    const rows =
      projectIds.length === 0
        ? []
        : await tx.select().from(projectPartners).where(inArray(projectPartners.projectId, projectIds));
    const byProject = new Map<number, number[]>();
    for (const r of rows) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r.partnerId]);
    return (projectId: number) => (byProject.get(projectId) ?? []).every((p) => theirs.has(p));
  };

  if (notice.channelId && !avoid.has(notice.channelId)) {
    const [project] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.channelId, notice.channelId));
    const onlyTheirs = project ? (await partnersIn([project.id]))(project.id) : false;
    return placed(notice.channelId, onlyTheirs);
  }
  if (theirs.size === 0) return undefined;
  const candidates = await tx
    .selectDistinct({ id: projects.id, channelId: projects.channelId })
    .from(projects)
    .innerJoin(projectPartners, eq(projectPartners.projectId, projects.id))
    .where(inArray(projectPartners.partnerId, [...theirs]))
    .orderBy(desc(projects.id));
  const usable = candidates.filter((p) => !avoid.has(p.channelId));
  const onlyTheirs = await partnersIn(usable.map((p) => p.id));
  const best = (notice.privacy === 'partner' ? usable.find((p) => onlyTheirs(p.id)) : undefined) ?? usable[0];
  return best ? placed(best.channelId, onlyTheirs(best.id)) : undefined;
}

/**
 * A notice meant for one person: a DM, carrying the place it goes instead if Slack refuses the DM
 * (the outbox worker re-routes it; see DirectMessageFallback), and who hears if it reaches them
 * nowhere. Every notice to a person who may be a partner member goes through here.
 */
export async function sendPersonNotice(tx: DbOrTx, gateway: SlackGateway, notice: PersonNotice): Promise<OutboxRef> {
  const fallback = await noticePlace(tx, notice);
  const reportTo = notice.reportTo !== undefined && notice.reportTo !== notice.userId ? notice.reportTo : undefined;
  return gateway.sendDirectMessage(tx, notice.userId, notice.message, {
    ...(fallback ? { fallback } : {}),
    ...(reportTo ? { reportTo } : {}),
  });
}

/** The vendor project owner of the project whose channel this is, if it is one. */
export async function ownerOfProjectChannel(tx: DbOrTx, channelId: string): Promise<string | undefined> {
  const [project] = await tx
    .select({ owner: projects.ownerUserId })
    .from(projects)
    .where(eq(projects.channelId, channelId));
  return project?.owner;
}
