import type { ProjectRow } from '../projects/find-project';
import { translator, type Translator } from '../../messages/i18n/translator';
import type { AccordSettings } from '../context';

/**
 * The words of a project channel's shared messages (escalation cards, check-ins, summaries,
 * announcements): everyone in the channel reads them, so they are in the project's language, else
 * the network's. What one person reads (a reply, an ephemeral, a DM) is in theirs (`ctx.t`).
 */
export function projectTranslator(project: Pick<ProjectRow, 'language'>, settings: AccordSettings): Translator {
  return translator(project.language ?? settings.defaultLanguage);
}
