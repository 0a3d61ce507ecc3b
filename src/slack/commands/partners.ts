import { partnerStages, partnerTiers, violationSeverities } from '../../db/schema';
import { tokenText, type ParsedArgs, type Token } from '../../domain/args/token';
import { usageError } from '../../errors';
import { addPartnerMember } from '../../services/partners/add-member';
import { addPartner } from '../../services/partners/add-partner';
import { addPartnerContact } from '../../services/partners/add-contact';
import { exitPartner, type HandoverTarget } from '../../services/partners/exit-partner';
import { listPartners } from '../../services/partners/list-partners';
import { recordCertification } from '../../services/partners/record-certification';
import { recordViolation } from '../../services/partners/record-violation';
import { removePartnerContact } from '../../services/partners/remove-contact';
import { removePartnerMember } from '../../services/partners/remove-member';
import { setPartnerStage } from '../../services/partners/set-stage';
import { showPartner } from '../../services/partners/show-partner';
import { partnerReplies } from '../../messages/partner/replies';
import { partnerUsageRefusals } from '../../messages/partner/refusals';
import {
  echoToken,
  oneOf,
  optionalNamed,
  parseNoArguments,
  parseWith,
  refuseExtraPositional,
  refuseUnknownNamed,
  requireSlug,
  requireText,
  userToken,
} from './arg-helpers';
import { defineSubcommand } from './types';

const ADD = '/accord partner add <slug> "<Name>" [tier=registered|silver|gold|platinum] [team=<SlackTeamId>]';
const LIST = '/accord partner list';
const SHOW = '/accord partner show <slug>';
const MEMBER_ADD = '/accord partner member add <slug> @user [lead] [confirm]';
const MEMBER_REMOVE = '/accord partner member remove <slug> @user';
const STAGE = '/accord partner stage <slug> access|growth|maturity';
const VIOLATION = '/accord partner violation <slug> minor|major "<what happened>"';
const EXIT = '/accord partner exit <slug> reason="…" handover=<partner-slug>|@user';
const CONTACT_ADD = '/accord partner contact add <slug> <email>';
const CONTACT_REMOVE = '/accord partner contact remove <slug> <email>';
const CERT = '/accord partner cert <slug> "<certification>" [expires=YYYY-MM-DD]';

const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

/** An email as typed: Slack sends it escaped as a `<mailto:…|…>` link, or as a plain word. */
function emailArgument(token: Token | undefined): string {
  if (!token) throw usageError(partnerUsageRefusals.emailMissing());
  if (token.kind === 'link') return token.url;
  if (token.kind === 'word' || token.kind === 'quoted') return token.value;
  throw usageError(partnerUsageRefusals.notAnEmail(echoToken(token)));
}

function parseContact({ args }: { args: ParsedArgs }) {
  refuseUnknownNamed(args, []);
  const slug = requireSlug(args.positional[0], 'partner');
  const email = emailArgument(args.positional[1]);
  refuseExtraPositional(args, 2);
  return { slug, email };
}

export const partnerSubcommands = [
  defineSubcommand({
    name: 'partner add',
    topic: 'partners',
    usage: ADD,
    parse({ args }) {
      refuseUnknownNamed(args, ['tier', 'team']);
      const slug = requireSlug(args.positional[0], 'partner', true);
      const name = requireText(args.positional[1], partnerUsageRefusals.nameInQuotes());
      refuseExtraPositional(args, 2);
      const tier = oneOf(optionalNamed(args, 'tier') ?? 'registered', partnerTiers, 'tier');
      const team = optionalNamed(args, 'team')?.toUpperCase();
      if (team !== undefined && !TEAM_ID.test(team)) throw usageError(partnerUsageRefusals.notATeamId(team));
      return { slug, name, tier, slackTeamId: team };
    },
    async run(ctx, input) {
      return partnerReplies.added(await addPartner({ ctx, input }));
    },
  }),
  defineSubcommand({
    name: 'partner list',
    topic: 'partners',
    usage: LIST,
    parse: ({ args }) => parseNoArguments(args, 'partner list'),
    async run(ctx) {
      return partnerReplies.list(await listPartners({ ctx }));
    },
  }),
  defineSubcommand({
    name: 'partner show',
    topic: 'partners',
    usage: SHOW,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      refuseExtraPositional(args, 1);
      return { slug };
    },
    async run(ctx, input) {
      return partnerReplies.show(await showPartner({ ctx, input }));
    },
  }),
  defineSubcommand({
    name: 'partner member add',
    topic: 'partners',
    usage: MEMBER_ADD,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      if (!args.positional[1]) throw usageError(partnerUsageRefusals.mentionToAdd());
      const user = parseWith(userToken, args.positional[1]);
      refuseExtraPositional(args, 4);
      const flags = new Set<string>();
      for (const flag of args.positional.slice(2)) {
        const word = flag.kind === 'word' ? flag.value.toLowerCase() : undefined;
        if (word !== 'lead' && word !== 'confirm')
          throw usageError(partnerUsageRefusals.notAMemberOption(echoToken(flag)));
        if (flags.has(word)) throw usageError(partnerUsageRefusals.givenTwice(word));
        flags.add(word);
      }
      return { slug, userId: user.id, lead: flags.has('lead'), confirm: flags.has('confirm') };
    },
    async run(ctx, input) {
      return partnerReplies.memberAdded(await addPartnerMember({ ctx, input }), input);
    },
  }),
  defineSubcommand({
    name: 'partner member remove',
    topic: 'partners',
    usage: MEMBER_REMOVE,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      if (!args.positional[1]) throw usageError(partnerUsageRefusals.mentionToRemove());
      const user = parseWith(userToken, args.positional[1]);
      refuseExtraPositional(args, 2);
      return { slug, userId: user.id };
    },
    async run(ctx, input) {
      const { standing } = await removePartnerMember({ ctx, input });
      return partnerReplies.memberRemoved(input.slug, input.userId, standing);
    },
  }),
  defineSubcommand({
    name: 'partner contact add',
    topic: 'partners',
    usage: CONTACT_ADD,
    parse: parseContact,
    async run(ctx, input) {
      return partnerReplies.contactAdded(await addPartnerContact({ ctx, input }));
    },
  }),
  defineSubcommand({
    name: 'partner contact remove',
    topic: 'partners',
    usage: CONTACT_REMOVE,
    parse: parseContact,
    async run(ctx, input) {
      return partnerReplies.contactRemoved(await removePartnerContact({ ctx, input }));
    },
  }),
  defineSubcommand({
    name: 'partner stage',
    topic: 'partners',
    usage: STAGE,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      const stageToken = args.positional[1];
      const stage = oneOf(stageToken && tokenText(stageToken), partnerStages, 'stage');
      refuseExtraPositional(args, 2);
      return { slug, stage };
    },
    async run(ctx, input) {
      const { from } = await setPartnerStage({ ctx, input });
      return partnerReplies.stageSet(input.slug, from, input.stage);
    },
  }),
  defineSubcommand({
    name: 'partner violation',
    topic: 'partners',
    usage: VIOLATION,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      const sevToken = args.positional[1];
      const severity = oneOf(sevToken && tokenText(sevToken), violationSeverities, 'severity');
      const description = requireText(args.positional[2], partnerUsageRefusals.whatHappened());
      refuseExtraPositional(args, 3);
      return { slug, severity, description };
    },
    async run(ctx, input) {
      const { exitReview } = await recordViolation({ ctx, input });
      return partnerReplies.violationRecorded(input, exitReview);
    },
  }),
  defineSubcommand({
    name: 'partner cert',
    topic: 'partners',
    usage: CERT,
    parse({ args }) {
      refuseUnknownNamed(args, ['expires']);
      const slug = requireSlug(args.positional[0], 'partner');
      const name = requireText(args.positional[1], partnerUsageRefusals.certInQuotes());
      refuseExtraPositional(args, 2);
      return { slug, name, expires: optionalNamed(args, 'expires') };
    },
    async run(ctx, input) {
      const { reminders } = await recordCertification({ ctx, input });
      return partnerReplies.certificationRecorded(input, reminders);
    },
  }),
  defineSubcommand({
    name: 'partner exit',
    topic: 'partners',
    usage: EXIT,
    parse({ args }) {
      refuseUnknownNamed(args, ['reason', 'handover']);
      const slug = requireSlug(args.positional[0], 'partner');
      refuseExtraPositional(args, 1);
      const reason = optionalNamed(args, 'reason');
      if (reason === undefined || reason.trim() === '') throw usageError(partnerUsageRefusals.exitReason());
      const token = args.named.handover;
      if (!token) throw usageError(partnerUsageRefusals.handoverMissing());
      let handover: HandoverTarget;
      if (token.kind === 'user') handover = { kind: 'user', userId: token.id };
      else if (token.kind === 'word') handover = { kind: 'partner', slug: token.value.toLowerCase() };
      else throw usageError(partnerUsageRefusals.badHandover(echoToken(token)));
      return { slug, reason, handover };
    },
    async run(ctx, input) {
      return partnerReplies.exited(await exitPartner({ ctx, input }));
    },
  }),
];
