import { splitList } from '../../domain/args/split-list';
import { tokenText, type ParsedArgs } from '../../domain/args/token';
import { raciRoles, type RaciInput } from '../../domain/raci/assignment';
import { parsePartyList } from '../../domain/raci/party';
import { usageError } from '../../errors';
import { proposeChange } from '../../services/changes/propose-change';
import { createProject } from '../../services/projects/create-project';
import { listProjects } from '../../services/projects/list-projects';
import { showProject } from '../../services/projects/show-project';
import { applyRaciTemplate } from '../../services/raci/apply-template';
import { removeRaci } from '../../services/raci/remove-raci';
import { setRaci } from '../../services/raci/set-raci';
import { changeProposedReply, changeUsageRefusals } from '../../messages/change-request';
import { projectReplies, projectUsageRefusals } from '../../messages/project';
import { raciReplies, raciUsageRefusals } from '../../messages/raci';
import {
  echoToken,
  optionalNamed,
  parseNoArguments,
  refuseExtraPositional,
  refuseUnknownNamed,
  requireSlug,
  requireText,
} from './arg-helpers';
import { defineSubcommand } from './types';

const CREATE =
  '/accord project create <slug> "<Name>" partners=<slug>[,<slug>…] [customer="…"] [channel=#…] [tz=<IANA>] [stage=acquisition|development|maturity|decline|churn]';
const LIST = '/accord project list';
const SHOW = '/accord project show [<slug>|project=<slug>]';
const RACI_SET = '/accord raci set "<activity>" [R=<who>,…] [A=<who>] [C=<who>,…] [I=<who>,…] [project=<slug>]';
const RACI_SHOW = '/accord raci show [project=<slug>]';
const RACI_REMOVE = '/accord raci remove "<activity>" [project=<slug>]';
const RACI_TEMPLATE = '/accord raci template [acquisition|development|maturity|decline|churn] [project=<slug>]';
const PROPOSE = '/accord change propose "<title>" [when=YYYY-MM-DDTHH:MM] [activity="…"] [project=<slug>]';

/** `project=<slug>`: needed only outside the project's own channel. */
function projectOption(args: ParsedArgs): string | undefined {
  const token = args.named.project;
  return token === undefined ? undefined : requireSlug(token, 'project');
}

export const projectSubcommands = [
  defineSubcommand({
    name: 'project create',
    topic: 'projects',
    usage: CREATE,
    parse({ args }) {
      refuseUnknownNamed(args, ['partners', 'customer', 'channel', 'tz', 'stage']);
      const slug = requireSlug(args.positional[0], 'project', true);
      const name = requireText(args.positional[1], projectUsageRefusals.nameInQuotes());
      refuseExtraPositional(args, 2);
      const partnersText = optionalNamed(args, 'partners');
      if (partnersText === undefined) throw usageError(projectUsageRefusals.partnersMissing());
      const partnerSlugs = splitList(partnersText).map((t) => {
        if (t.kind !== 'word') throw usageError(projectUsageRefusals.notASlug(echoToken(t)));
        return t.value.toLowerCase();
      });
      if (partnerSlugs.length === 0) throw usageError(projectUsageRefusals.noPartners());
      const channel = args.named.channel;
      if (channel !== undefined && channel.kind !== 'channel') {
        throw usageError(projectUsageRefusals.notAChannel(echoToken(channel)));
      }
      return {
        slug,
        name,
        partnerSlugs,
        customer: optionalNamed(args, 'customer'),
        channelId: channel?.id,
        timeZone: optionalNamed(args, 'tz'),
        stage: optionalNamed(args, 'stage')?.toLowerCase(),
      };
    },
    async run(ctx, input) {
      return projectReplies.created(await createProject({ ctx, input }));
    },
  }),
  defineSubcommand({
    name: 'project list',
    topic: 'projects',
    usage: LIST,
    parse: ({ args }) => parseNoArguments(args, 'project list'),
    async run(ctx) {
      return projectReplies.list(await listProjects({ ctx }), ctx.actor.role === 'partner');
    },
  }),
  defineSubcommand({
    name: 'project show',
    topic: 'projects',
    usage: SHOW,
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const positional = args.positional[0] ? requireSlug(args.positional[0], 'project') : undefined;
      refuseExtraPositional(args, 1);
      // `project=` too, as every other project command takes it and the not-a-project-channel advice names it.
      const named = projectOption(args);
      const [first] = args.positional;
      if (first && args.named.project && positional !== named)
        throw usageError(projectUsageRefusals.twoProjects(echoToken(first), echoToken(args.named.project)));
      return { slug: positional ?? named };
    },
    async run(ctx, { slug }) {
      return projectReplies.show(await showProject({ ctx, input: { slug } }));
    },
  }),
  defineSubcommand({
    name: 'raci set',
    topic: 'projects',
    usage: RACI_SET,
    parse({ args }) {
      refuseUnknownNamed(args, ['r', 'a', 'c', 'i', 'project']);
      const activity = requireText(args.positional[0], raciUsageRefusals.activityInQuotesExample());
      refuseExtraPositional(args, 1);
      const roles: RaciInput = {};
      for (const role of raciRoles) {
        const token = args.named[role.toLowerCase()];
        if (token === undefined) continue;
        const parties = parsePartyList(token);
        if ('error' in parties) throw usageError(raciUsageRefusals.badParties(role, parties.error));
        roles[role] = parties;
      }
      if (Object.keys(roles).length === 0) throw usageError(raciUsageRefusals.noRoles());
      return { activity, roles, project: projectOption(args) };
    },
    async run(ctx, input) {
      return raciReplies.set(await setRaci({ ctx, input: { ...input } }));
    },
  }),
  defineSubcommand({
    name: 'raci show',
    topic: 'projects',
    usage: RACI_SHOW,
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      refuseExtraPositional(args, 0);
      return { project: projectOption(args) };
    },
    async run(ctx, input) {
      const { project, partners, activities } = await showProject({ ctx, input: { slug: input.project } });
      return raciReplies.show(project, activities, partners);
    },
  }),
  defineSubcommand({
    name: 'raci remove',
    topic: 'projects',
    usage: RACI_REMOVE,
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const activity = requireText(args.positional[0], raciUsageRefusals.activityInQuotes());
      refuseExtraPositional(args, 1);
      return { activity, project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await removeRaci({ ctx, input: { ...input } });
      return raciReplies.removed(r.activity);
    },
  }),
  defineSubcommand({
    name: 'raci template',
    topic: 'projects',
    usage: RACI_TEMPLATE,
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const stage = args.positional[0] ? tokenText(args.positional[0]).toLowerCase() : undefined;
      refuseExtraPositional(args, 1);
      return { stage, project: projectOption(args) };
    },
    async run(ctx, input) {
      return raciReplies.template(await applyRaciTemplate({ ctx, input: { ...input } }));
    },
  }),
  defineSubcommand({
    name: 'change propose',
    topic: 'projects',
    usage: PROPOSE,
    parse({ args }) {
      refuseUnknownNamed(args, ['when', 'activity', 'project']);
      const title = requireText(args.positional[0], changeUsageRefusals.titleInQuotes());
      refuseExtraPositional(args, 1);
      return {
        title,
        when: optionalNamed(args, 'when'),
        activity: optionalNamed(args, 'activity'),
        project: projectOption(args),
      };
    },
    async run(ctx, input) {
      return changeProposedReply(await proposeChange({ ctx, input: { ...input } }));
    },
  }),
];
