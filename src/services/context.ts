import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { Language } from '../domain/language';
import type { Logger } from '../logger';
import type { Translator } from '../messages/i18n/translator';
import type { SlackChannels, SlackDirectory, SlackGateway, SlackViews, Timers } from './ports';
import type { LanguageMemory } from './languages/memory';
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
  /** The language Accord answers this person in (src/domain/language.ts readerLanguage). */
  language: Language;
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

export interface AccordSettings {
  vendorTeamId: string;
  /** Accord's own bot user (auth.test `user_id`), a member of every conversation it posts in. */
  botUserId: string;
  configAdminIds: ReadonlySet<string>;
  defaultTimeZone: string;
  /** ACCORD_LANGUAGE: projects and people with no language of their own use it. */
  defaultLanguage: Language;
}

export interface Services {
  db: Db;
  clock: Clock;
  gateway: SlackGateway;
  directory: SlackDirectory;
  channels: SlackChannels;
  views: SlackViews;
  /** Durable timers (reminders, deadlines, follow-ups), set and cancelled with the caller's transaction. */
  timers: Timers;
  settings: AccordSettings;
  /** Partner membership, for resolving who someone is (the requester, or the members of a conversation). */
  memberships: MembershipSource;
  /** Who reads which language, remembered for answers that cannot wait for the database. */
  languageMemory: LanguageMemory;
  log: Logger;
}

export interface ServiceContext extends Services {
  actor: Actor;
  /** Partner membership, so a verb can place a named person the way the actor was placed. */
  memberships: MembershipSource;
  /** The channel the request came from, if any. */
  channelId: string | undefined;
  /** The asker's language: every reply to them (ephemeral, DM, form) is written with it. */
  t: Translator;
}
