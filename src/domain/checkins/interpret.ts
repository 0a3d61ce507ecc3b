import { shorten } from '../../messages/mrkdwn';
import { unescapeSlack } from '../args/slack-markup';
import {
  type SyncStatus,
  riskAreas,
  type RiskArea,
  type AreaStatus,
  ANSWER_TEXT_MAX,
  type QuestionSet,
} from './questions';

// Bullets, quote markers and emoji shortcodes that people put before the first word of a line.
const LEAD_RE = /^[ \t]*(?:(?:[-*•·◦>]|\d{1,3}[.)])[ \t]+)?(?::[a-z0-9_+'-]+:[ \t]*)*/i;
const STATUS_LABEL_RE = /^[*_~]*status(?![\p{L}\p{N}])[*_~]*[ \t]*(?:[:=\-–—][ \t]*)?[*_~]*[ \t]*/iu;
const STATUS_PHRASE_RE =
  /^[*_~]*(on[ \t-]?track|at[ \t-]?risk|off[ \t-]?track|green|amber|yellow|red)(?![\p{L}\p{N}])[*_~]*/iu;
const STATUS_SEPARATOR_RE = /^[ \t]*(?:[:;,.!=\-–—]+|$)[ \t]*/;
const SECTION_RE =
  /^[*_~]*(progress|update|done|blockers?|blocked|impediments?|next[ \t]+steps?|next|plans?)[*_~]*[ \t]*[:：][*_~]*[ \t]*/i;

type SyncSection = 'progress' | 'blockers' | 'next_steps';

function syncStatusOf(phrase: string): SyncStatus {
  const key = phrase.toLowerCase().replace(/[ \t-]/g, '');
  switch (key) {
    case 'ontrack':
    case 'green':
      return 'on_track';
    case 'atrisk':
    case 'amber':
    case 'yellow':
      return 'at_risk';
    default:
      return 'off_track';
  }
}

function sectionOf(label: string): SyncSection {
  const key = label.toLowerCase();
  if (key.startsWith('block') || key.startsWith('impediment')) return 'blockers';
  if (key.startsWith('next') || key.startsWith('plan')) return 'next_steps';
  return 'progress';
}

/**
 * A status phrase at the start of a line. Without a `status:` label, a colour word counts only when
 * punctuation or the line end follows it, so "Red team finished testing" stays plain progress;
 * "on track" and friends are unambiguous enough to count anyway, and then the line is kept whole.
 */
function leadingStatus(line: string, allowBare: boolean): { status: SyncStatus; rest: string } | undefined {
  const afterLead = line.slice(LEAD_RE.exec(line)?.[0].length ?? 0);
  const label = STATUS_LABEL_RE.exec(afterLead);
  const labelled = label !== null && label[0].trim() !== '';
  if (!labelled && !allowBare) return undefined;
  const tryAt = (text: string, isLabelled: boolean): { status: SyncStatus; rest: string } | undefined => {
    const phrase = STATUS_PHRASE_RE.exec(text);
    if (!phrase) return undefined;
    const word = phrase[1] ?? '';
    const status = syncStatusOf(word);
    const after = text.slice(phrase[0].length);
    const separator = STATUS_SEPARATOR_RE.exec(after);
    if (separator) return { status, rest: after.slice(separator[0].length) };
    const isColour = /^(green|amber|yellow|red)$/i.test(word);
    if (isColour && !isLabelled) return undefined;
    return { status, rest: text };
  };
  if (labelled) {
    const found = tryAt(afterLead.slice(label[0].length), true);
    if (found) return found;
  }
  return allowBare ? tryAt(afterLead, false) : undefined;
}

function interpretSync(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const sections: Record<SyncSection, string[]> = { progress: [], blockers: [], next_steps: [] };
  let current: SyncSection = 'progress';
  let seenContent = false;
  for (const rawLine of text.split('\n')) {
    let line = rawLine;
    if (values.status === undefined && line.trim() !== '') {
      const found = leadingStatus(line, !seenContent);
      if (found) {
        values.status = found.status;
        line = found.rest;
      }
    }
    if (rawLine.trim() !== '') seenContent = true;
    // A line that held only the status would leave a gap in the middle of the progress text.
    if (values.status !== undefined && line !== rawLine && line.trim() === '') continue;
    const afterLead = line.slice(LEAD_RE.exec(line)?.[0].length ?? 0);
    const section = SECTION_RE.exec(afterLead);
    if (section) {
      current = sectionOf(section[1] ?? '');
      line = afterLead.slice(section[0].length);
    }
    sections[current].push(line);
  }
  for (const key of ['progress', 'blockers', 'next_steps'] as const) {
    const body = sections[key].join('\n').trim();
    if (body !== '') values[key] = shorten(body, ANSWER_TEXT_MAX);
  }
  return values;
}

// Synonyms people use for the checklist areas; 'all' fills every area the reply does not name.
const AREA_WORDS: ReadonlyArray<readonly [string, RiskArea | 'all']> = [
  ['personnel', 'personnel'],
  ['people', 'personnel'],
  ['staff', 'personnel'],
  ['staffing', 'personnel'],
  ['team', 'personnel'],
  ['facilities', 'facilities'],
  ['facility', 'facilities'],
  ['office', 'facilities'],
  ['offices', 'facilities'],
  ['building', 'facilities'],
  ['buildings', 'facilities'],
  ['site', 'facilities'],
  ['power', 'power'],
  ['electricity', 'power'],
  ['connectivity', 'connectivity'],
  ['network', 'connectivity'],
  ['internet', 'connectivity'],
  ['telecom', 'connectivity'],
  ['telecoms', 'connectivity'],
  ['connections', 'connectivity'],
  ['merger_acquisition', 'merger_acquisition'],
  ['merger/acquisition', 'merger_acquisition'],
  ['mergers/acquisitions', 'merger_acquisition'],
  ['merger & acquisition', 'merger_acquisition'],
  ['mergers & acquisitions', 'merger_acquisition'],
  ['mergers and acquisitions', 'merger_acquisition'],
  ['m&a', 'merger_acquisition'],
  ['merger', 'merger_acquisition'],
  ['mergers', 'merger_acquisition'],
  ['acquisition', 'merger_acquisition'],
  ['acquisitions', 'merger_acquisition'],
  ['disaster', 'disaster'],
  ['disasters', 'disaster'],
  ['all', 'all'],
  ['all areas', 'all'],
  ['everything', 'all'],
];
export const AREA_BY_WORD: ReadonlyMap<string, RiskArea | 'all'> = new Map(AREA_WORDS);

const AREA_STATUS_WORDS: ReadonlyMap<string, AreaStatus> = new Map([
  ['ok', 'ok'],
  ['okay', 'ok'],
  ['fine', 'ok'],
  ['good', 'ok'],
  ['green', 'ok'],
  ['watch', 'watch'],
  ['watching', 'watch'],
  ['amber', 'watch'],
  ['yellow', 'watch'],
  ['problem', 'problem'],
  ['problems', 'problem'],
  ['issue', 'problem'],
  ['issues', 'problem'],
  ['red', 'problem'],
]);

function regexEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function alternation(words: Iterable<string>): string {
  // Longest first, so "mergers and acquisitions" wins over "mergers".
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => regexEscape(w).replace(/ /g, '[ \\t]+'))
    .join('|');
}

// Each piece is anchored and separated by a distinct character class, so a failed line costs linear time.
const RISK_LINE_RE = new RegExp(
  `^[*_~]*(${alternation(AREA_BY_WORD.keys())})(?![\\p{L}\\p{N}])[*_~]*[ \\t]*(?:[:=\\-–—][ \\t]*)?[*_~]*` +
    `(${alternation(AREA_STATUS_WORDS.keys())})(?![\\p{L}\\p{N}])[*_~]*(.*)$`,
  'iu',
);

function cleanNote(text: string): string {
  let note = text.replace(/^[ \t:;,.=\-–—]+/, '').trim();
  if (note.startsWith('(') && note.endsWith(')')) note = note.slice(1, -1).trim();
  return note;
}

const EXCEPT_RE = /^(?:except(?:[ \t]+for)?|but|apart[ \t]+from|besides)(?![\p{L}\p{N}])[ \t,:]*/iu;

type RiskLine = { area: RiskArea | 'all'; status: AreaStatus; note: string };

function riskLine(line: string): RiskLine | undefined {
  const match = RISK_LINE_RE.exec(line);
  if (!match) return undefined;
  const area = AREA_BY_WORD.get((match[1] ?? '').toLowerCase().replace(/[ \t]+/g, ' '));
  const status = AREA_STATUS_WORDS.get((match[2] ?? '').toLowerCase());
  if (area === undefined || status === undefined) return undefined;
  return { area, status, note: cleanNote(match[3] ?? '') };
}

function interpretRisk(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  let fill: AreaStatus | undefined;
  const set = (line: RiskLine & { area: RiskArea }): void => {
    // The last line about an area wins: people correct themselves further down the reply.
    values[`${line.area}_status`] = line.status;
    if (line.note !== '') values[`${line.area}_note`] = shorten(line.note, ANSWER_TEXT_MAX);
    else delete values[`${line.area}_note`];
  };
  for (const rawLine of text.split('\n')) {
    const parsed = riskLine(rawLine.slice(LEAD_RE.exec(rawLine)?.[0].length ?? 0));
    if (parsed === undefined) continue;
    if (parsed.area !== 'all') {
      set({ ...parsed, area: parsed.area });
      continue;
    }
    if (parsed.note === '') {
      fill = parsed.status;
      continue;
    }
    // "All ok except power: problem …" fills the rest only when the exception could be read;
    // otherwise the unread exception might be an area that is not ok at all.
    const except = EXCEPT_RE.exec(parsed.note);
    const exception = except ? riskLine(parsed.note.slice(except[0].length)) : undefined;
    if (exception === undefined || exception.area === 'all') continue;
    set({ ...exception, area: exception.area });
    fill = parsed.status;
  }
  if (fill !== undefined) {
    for (const area of riskAreas) values[`${area}_status`] ??= fill;
  }
  return values;
}

/**
 * A free-text reply in a check-in thread counts as an answer; this reads what it can out of it.
 * `text` is the message text as Slack delivers it (with `&amp;`, `&lt;`, `&gt;`); it is unescaped
 * once here, so the values and text returned are plain and must be escaped again for display.
 *
 * sync: a leading status ("on track", "at risk", "off track", "green", "amber"/"yellow", "red",
 * optionally after "status:") and the rest as progress; lines starting "Blockers:" or "Next steps:"
 * begin those sections. risk: lines "<area>: ok|watch|problem <note>", with synonyms for both
 * areas and statuses, and "all ok" for the areas not named. Unrecognised text stays in `text`.
 */
export function interpretTextAnswer(set: QuestionSet, text: string): { values: Record<string, string>; text: string } {
  const plain = unescapeSlack(typeof text === 'string' ? text : '')
    .replace(/\r\n?/g, '\n')
    .trim();
  if (plain === '') return { values: {}, text: '' };
  return { values: set.kind === 'sync' ? interpretSync(plain) : interpretRisk(plain), text: plain };
}

/** Areas marked 'problem' in a risk-review answer, in checklist order (each can become a risk with one click). */
export function problemsIn(values: Record<string, string>): Array<{ area: RiskArea; note: string }> {
  const out: Array<{ area: RiskArea; note: string }> = [];
  for (const area of riskAreas) {
    const status = Object.hasOwn(values, `${area}_status`) ? values[`${area}_status`] : undefined;
    if (status !== 'problem') continue;
    const note = Object.hasOwn(values, `${area}_note`) ? values[`${area}_note`] : undefined;
    out.push({ area, note: typeof note === 'string' ? note.trim() : '' });
  }
  return out;
}
