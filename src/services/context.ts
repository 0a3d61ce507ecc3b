import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { Logger } from '../logger';
import type { SlackView } from '../slack/blocks/types';
import type { SlackGateway } from '../slack/gateway';
import type { MembershipSource } from './resolve-actor';

export const roles = ['admin', 'vendor', 'partner', 'guest'] as const;
export type Role = (typeof roles)[number];

export interface PartnerMembership {
  partnerId: number;
  slug: string;
  name: string;
  lead: boolean;
}

/** Who is acting, resolved once per request (docs/product.md §2). */
export interface Actor {
  userId: string;
  /** The Slack team the user belongs to, when Slack told us. */
  teamId: string | undefined;
  role: Role;
  /** Admin by ACCORD_ADMIN_USER_IDS (cannot be removed in Slack) or by `/accord admin add`. */
  adminSource: 'config' | 'slack' | undefined;
  partners: PartnerMembership[];
  /** For a guest: the exited partners they belonged to, so a refusal can say why. Grants nothing. */
  formerPartners?: readonly string[];
  /** For a guest of the vendor's own workspace: why they are not a vendor member, so a refusal can say what to do. */
  guestReason?: VendorGuestReason;
}

/**
 * Why someone of the vendor's own workspace, neither admin nor partner member, is still a guest:
 * Slack marks them a guest (`is_restricted` / `is_ultra_restricted`); they left a partner and no
 * vendor admin has made them a vendor member again; or Slack would not confirm their account just
 * now (checked again shortly, never granted on a guess).
 */
export type VendorGuestReason = 'slack-guest' | 'left-partner' | 'unconfirmed';

/** What users.info says about a person, as far as Accord's rules need it. */
export interface SlackAccount {
  /** The user's own team id, when users.info states it. */
  teamId: string | undefined;
  /** A multi-channel guest (Slack also sets it for single-channel guests). */
  restricted: boolean;
  /** A single-channel guest. */
  ultraRestricted: boolean;
}

/** Facts about Slack users that verbs need; read-only, cached, and never fatal for external users. */
export interface SlackDirectory {
  /** The user's team id, or undefined when Slack will not tell (e.g. some Slack Connect users). */
  teamOf(userId: string): Promise<string | undefined>;
  /** The user's account as users.info answers it, or undefined when Slack will not tell. Same cache as teamOf. */
  accountOf(userId: string): Promise<SlackAccount | undefined>;
}

export type ChannelResult = { ok: true; channelId: string; name?: string } | { ok: false; error: string };

/**
 * Who can read a conversation, as Slack says at the moment of asking (never cached: people join
 * and channels get shared at any time). `members` includes bots, Accord itself among them.
 */
export type ConversationAudience =
  | {
      ok: true;
      kind: 'im' | 'mpim' | 'public' | 'private';
      /** Shared with another organisation, or invited to be (Slack Connect: is_ext_shared, is_pending_ext_shared). */
      externallyShared: boolean;
      /** Shared with other workspaces of the same Enterprise Grid organisation (is_shared, is_org_shared). */
      sharedWithWorkspaces: boolean;
      members: string[];
      /** More members than the look-up reads; the list is then incomplete. */
      truncated: boolean;
    }
  | { ok: false; error: string; temporary: boolean };

/** Channel set-up, which needs Slack's answer before the request can go on. */
export interface SlackChannels {
  /** Creates a public channel; `{ok: false, error: 'name_taken'}` when the name is in use. */
  create(name: string): Promise<ChannelResult>;
  /** Makes sure the bot can post in an existing channel (joins it when public). */
  prepare(channelId: string): Promise<ChannelResult>;
  /** conversations.info and conversations.members (paginated): how the conversation is shared and who is in it. */
  audience(channelId: string): Promise<ConversationAudience>;
}

/** A modal Slack has open: its id, and the hash that guards an update against a newer one. */
export interface OpenView {
  id: string;
  hash: string | undefined;
}

/**
 * Modals. Slack honours a trigger_id for three seconds only, so a modal is opened first, small and
 * before any database work (`openLoading`), and filled in afterwards by its view id (`update`).
 */
export interface SlackViews {
  /** Opens a "loading" modal at once; undefined when Slack would not (e.g. the trigger expired). */
  openLoading(triggerId: string, view: SlackView): Promise<OpenView | undefined>;
  /** Replaces the content of an open modal; false when Slack refused (closed meanwhile, or changed since). */
  update(open: OpenView, view: SlackView): Promise<boolean>;
}

export interface AccordSettings {
  vendorTeamId: string;
  /** Accord's own bot user (auth.test `user_id`), a member of every conversation it posts in. */
  botUserId: string;
  configAdminIds: ReadonlySet<string>;
  defaultTimeZone: string;
}

export interface Services {
  db: Db;
  clock: Clock;
  gateway: SlackGateway;
  directory: SlackDirectory;
  channels: SlackChannels;
  views: SlackViews;
  settings: AccordSettings;
  /** Partner membership, for resolving who someone is (the requester, or the members of a conversation). */
  memberships: MembershipSource;
  log: Logger;
}

export interface ServiceContext extends Services {
  actor: Actor;
  /** Partner membership, so a verb can place a named person the way the actor was placed. */
  memberships: MembershipSource;
  /** The channel the request came from, if any. */
  channelId: string | undefined;
}
