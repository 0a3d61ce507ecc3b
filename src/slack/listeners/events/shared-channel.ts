import type { App } from '@slack/bolt';
import { z } from 'zod';
import { recordSharedChannelEvent, type SharedChannelEvent } from '../../../services/projects/invitations';
import { runRequest, toBolt, type RequestServices } from '../../pipeline';

/*
 * Slack Connect events about project channels, read as Slack documents them:
 * https://docs.slack.dev/reference/events/shared_channel_invite_accepted (and _approved, _declined),
 * https://docs.slack.dev/reference/events/channel_shared, .../channel_unshared,
 * https://docs.slack.dev/reference/events/member_joined_channel. Only the fields Accord uses are
 * read; a payload without them is logged and left alone (Slack's retries are claimed by event id
 * in dedupeEvents, so none of this runs twice).
 */

const invite = z
  .object({ recipient_email: z.string().optional(), recipient_user_id: z.string().optional() })
  .passthrough();
const channelObject = z.object({ id: z.string().min(1) }).passthrough();
const person = z.object({ id: z.string().optional(), team_id: z.string().optional() }).passthrough();

const recipientOf = (i: z.infer<typeof invite>) =>
  [i.recipient_user_id, i.recipient_email].filter((r): r is string => typeof r === 'string' && r.length > 0);

const schemas = {
  shared_channel_invite_accepted: z
    .object({ invite, channel: channelObject, accepting_user: person, approval_required: z.boolean().default(false) })
    .passthrough()
    .transform((e): SharedChannelEvent => ({
      kind: 'accepted',
      channelId: e.channel.id,
      teamId: e.accepting_user.team_id,
      recipient: recipientOf(e.invite),
      approvalRequired: e.approval_required,
      userId: e.accepting_user.id,
    })),
  shared_channel_invite_approved: z
    .object({ invite, channel: channelObject, approving_team_id: z.string().optional() })
    .passthrough()
    .transform((e): SharedChannelEvent => ({
      kind: 'approved',
      channelId: e.channel.id,
      teamId: e.approving_team_id,
      recipient: recipientOf(e.invite),
    })),
  shared_channel_invite_declined: z
    .object({ invite, channel: channelObject, declining_team_id: z.string().optional() })
    .passthrough()
    .transform((e): SharedChannelEvent => ({
      kind: 'declined',
      channelId: e.channel.id,
      teamId: e.declining_team_id,
      recipient: recipientOf(e.invite),
    })),
  channel_shared: z
    .object({ channel: z.string().min(1), connected_team_id: z.string().min(1) })
    .passthrough()
    .transform((e): SharedChannelEvent => ({ kind: 'connected', channelId: e.channel, teamId: e.connected_team_id })),
  channel_unshared: z
    .object({ channel: z.string().min(1), previously_connected_team_id: z.string().min(1) })
    .passthrough()
    .transform((e): SharedChannelEvent => ({
      kind: 'unshared',
      channelId: e.channel,
      teamId: e.previously_connected_team_id,
    })),
  member_joined_channel: z
    .object({ channel: z.string().min(1), user: z.string().min(1), team: z.string().optional() })
    .passthrough()
    .transform((e): SharedChannelEvent => ({ kind: 'joined', channelId: e.channel, userId: e.user, teamId: e.team })),
} as const;

export function registerSharedChannelEvents(app: App, services: RequestServices): void {
  for (const [type, schema] of Object.entries(schemas)) {
    app.event(type, async ({ event }) => {
      const parsed = schema.safeParse(event);
      if (!parsed.success) {
        services.log.warn('a Slack Connect event without the fields Accord reads; ignored', {
          type,
          issues: parsed.error.issues.map((i) => i.path.join('.')),
        });
        return;
      }
      // Accord joining a channel is not a partner's organisation connecting.
      if (parsed.data.kind === 'joined' && parsed.data.userId === services.settings.botUserId) return;
      const change = parsed.data;
      // No person asked: the event is recorded for the channel's project, not on anyone's behalf.
      await runRequest(
        services,
        { who: undefined, channelId: undefined, context: { event: type, channel: change.channelId } },
        { work: () => recordSharedChannelEvent(services, change) },
        toBolt,
      );
    });
  }
}
