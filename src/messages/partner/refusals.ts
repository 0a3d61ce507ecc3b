import { escapeText, mentionUser } from '../mrkdwn';

/** Why a partner, its members, contacts or records were not changed. */
export const partnerRefusals = {
  slugNotLowerCase: (slug: string, lower: string) =>
    `Slugs are lower case: use \`${escapeText(lower.slice(0, 40))}\` instead of \`${escapeText(slug.slice(0, 40))}\`.`,
  badSlug: (slug: string, what: 'partner' | 'project') =>
    `\`${escapeText(slug.slice(0, 40))}\` cannot be a ${what} slug: use 2–40 lower-case letters, digits and single dashes, e.g. \`acme-telecom\`.`,
  reservedSlug: (slug: string) =>
    `\`${slug}\` cannot be a partner slug: it has its own meaning in RACI assignments. Pick another.`,
  nameLength: () => 'The partner name must be 1–100 characters.',
  vendorTeam: () => 'That is the vendor’s own Slack team; give the partner’s team id (it starts with T).',
  slugTaken: (slug: string) => `A partner \`${slug}\` already exists; pick another slug.`,
  teamTaken: (teamId: string, slug: string) => `Slack team ${teamId} is already registered for partner \`${slug}\`.`,
  sameStage: (name: string, stage: string) => `${name} is already in the ${stage} stage.`,
  noSuchPartner: (slug: string) => `There is no partner \`${slug}\`. \`/accord partner list\` shows them all.`,
  exited: (slug: string) => `Partner \`${slug}\` has exited the network; its history is kept but it takes no new work.`,
  adminCannotJoin: (userId: string) => `${mentionUser(userId)} is a vendor admin and cannot also be a partner member.`,
  notMemberByHand: (userId: string, partner: { name: string; slackTeamId: string | null }) =>
    `${mentionUser(userId)} is not a member of ${partner.name} by hand${partner.slackTeamId ? ' (members through its Slack team stay members while they are in that team)' : ''}.`,
  exitReasonMissing: () => 'Give the reason for the exit: `reason="…"`.',
  handoverToItself: () => 'A partner cannot hand over to itself; name another partner or a person.',
  alreadyExited: (slug: string) => `Partner \`${slug}\` has already exited.`,
  handoverToLeaver: (userId: string) =>
    `${mentionUser(userId)} belongs to the partner that is leaving and loses access with it; hand over to someone of the vendor team or to another partner (\`handover=<slug>\`).`,
  handoverOutsideVendor: (userId: string) =>
    `${mentionUser(userId)} is not in the vendor team, so could not act on the handed-over work. Hand over to someone of the vendor team, or to another partner with \`handover=<slug>\`.`,
  handoverToGuest: (userId: string) =>
    `${mentionUser(userId)} is a guest in Accord, not a vendor member, so could not act on the handed-over work. Hand over to a vendor member or admin, or to another partner with \`handover=<slug>\`.`,
  certNameLength: () => 'Name the certification or training in 1–200 characters.',
  certExpiryNotADate: (expires: string) =>
    `\`expires=${escapeText(expires)}\` is not a date; write it as YYYY-MM-DD, e.g. \`expires=2027-03-31\`.`,
  certExpired: (expires: string) =>
    `\`expires=${expires}\` is in the past; record certifications that are still valid.`,
  violationLength: () => 'Describe what happened in 1–500 characters.',
  notAnEmail: (text: string) =>
    `\`${escapeText(text.slice(0, 80))}\` is not an email address; write it as \`name@example.com\`.`,
  contactTaken: (email: string, slug: string) => `\`${escapeText(email)}\` is already a contact of \`${slug}\`.`,
  tooManyContacts: (slug: string, max: number) =>
    `\`${slug}\` already has ${max} contacts, the most Accord keeps; remove one first.`,
  notAContact: (email: string, slug: string) =>
    `\`${escapeText(email)}\` is not a contact of \`${slug}\`; \`/accord partner show ${slug}\` lists them.`,
};

/** Partner commands put the wrong way (the registry adds the usage line). */
export const partnerUsageRefusals = {
  emailMissing: () => 'Give the email address, e.g. `pat@acme.example`.',
  notAnEmail: (echoed: string) => `\`${echoed}\` is not an email address; write it as \`name@example.com\`.`,
  nameInQuotes: () => 'Give the partner’s name in quotes, e.g. `"Acme Telecom"`',
  notATeamId: (team: string) =>
    `\`team=${escapeText(team.slice(0, 20))}\` is not a Slack team id; they look like \`T0123ABCD\`.`,
  mentionToAdd: () => 'Mention the person to add, e.g. `@pat`.',
  mentionToRemove: () => 'Mention the person to remove, e.g. `@pat`.',
  notAMemberOption: (echoed: string) =>
    `\`${echoed}\` is not an option here; add \`lead\` to make them a lead, or \`confirm\` to add a person of the vendor's own workspace.`,
  givenTwice: (word: string) => `\`${word}\` given more than once.`,
  whatHappened: () => 'Say what happened, in quotes',
  certInQuotes: () => 'Name the certification or training in quotes',
  exitReason: () => 'Give the reason: `reason="…"`.',
  handoverMissing: () => 'Say who takes over its work: `handover=<partner-slug>` or `handover=@user`.',
  badHandover: (echoed: string) => `\`handover=${echoed}\` is neither a partner slug nor a @mention.`,
};
