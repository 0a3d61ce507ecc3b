import { tokenText, type ParsedArgs } from '../../domain/args/token';
import { parseLanguage } from '../../domain/language';
import { usageError } from '../../errors';
import { translator } from '../../messages/i18n/translator';
import { languageRefusals, languageReplies } from '../../messages/language';
import {
  setOwnLanguage,
  setPartnerLanguage,
  setProjectLanguage,
  type LanguageChoice,
} from '../../services/languages/set-language';
import { echoToken, optionalNamed, refuseExtraPositional, refuseUnknownNamed, requireSlug } from './arg-helpers';
import { defineSubcommand } from './types';

const LANGUAGE = '/accord language en|zh-CN|vi|lv|ha|auto';
const PARTNER_SET = '/accord partner set <slug> lang=en|zh-CN|vi|lv|ha|auto';
const PROJECT_SET = '/accord project set [project=<slug>] lang=en|zh-CN|vi|lv|ha|auto';

/** A language as typed (`zh`, `zh-cn`, `ZH-CN` …) or `auto`. */
function choiceOf(text: string): LanguageChoice {
  if (text.trim().toLowerCase() === 'auto') return 'auto';
  const language = parseLanguage(text);
  if (language === undefined) throw usageError(languageRefusals.unknown(text.slice(0, 40)));
  return language;
}

function langOption(args: ParsedArgs): LanguageChoice {
  const text = optionalNamed(args, 'lang');
  if (text === undefined) throw usageError(languageRefusals.nothingToSet());
  return choiceOf(text);
}

export const languageSubcommand = defineSubcommand({
  name: 'language',
  topic: 'basics',
  usage: LANGUAGE,
  parse({ args }) {
    refuseUnknownNamed(args, []);
    const first = args.positional[0];
    if (!first) throw usageError(languageRefusals.missing());
    refuseExtraPositional(args, 1);
    if (first.kind !== 'word') throw usageError(languageRefusals.unknown(echoToken(first)));
    return { language: choiceOf(tokenText(first)) };
  },
  async run(ctx, input) {
    const { language } = await setOwnLanguage({ ctx, input });
    const t = translator(language);
    return input.language === 'auto' ? languageReplies.auto(t) : languageReplies.set(t);
  },
});

export const partnerSetSubcommand = defineSubcommand({
  name: 'partner set',
  topic: 'partners',
  usage: PARTNER_SET,
  parse({ args }) {
    refuseUnknownNamed(args, ['lang']);
    const slug = requireSlug(args.positional[0], 'partner');
    refuseExtraPositional(args, 1);
    return { slug, language: langOption(args) };
  },
  async run(ctx, input) {
    const r = await setPartnerLanguage({ ctx, input });
    return languageReplies.partnerSet(ctx.t, r.name, r.language, ctx.settings.defaultLanguage);
  },
});

export const projectSetSubcommand = defineSubcommand({
  name: 'project set',
  topic: 'projects',
  usage: PROJECT_SET,
  parse({ args }) {
    refuseUnknownNamed(args, ['lang', 'project']);
    refuseExtraPositional(args, 0);
    const project = args.named.project === undefined ? undefined : requireSlug(args.named.project, 'project');
    return { project, language: langOption(args) };
  },
  async run(ctx, input) {
    const r = await setProjectLanguage({ ctx, input });
    return languageReplies.projectSet(ctx.t, r.slug, r.language, ctx.settings.defaultLanguage);
  },
});
