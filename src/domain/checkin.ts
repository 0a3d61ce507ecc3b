import { echo, escapeText, shorten } from '../messages/mrkdwn';
import { unescapeSlack } from './args';

// ─── Check-ins ──────────────────────────────────────────────────────────────────────────────────

export const checkinKinds = ['sync', 'risk'] as const;
export type CheckinKind = (typeof checkinKinds)[number];

export const syncStatuses = ['on_track', 'at_risk', 'off_track'] as const;
export type SyncStatus = (typeof syncStatuses)[number];
export const syncStatusLabels: Readonly<Record<SyncStatus, string>> = {
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
};

/** The SLA risk checklist of docs/domain.md §1, in the order it is reviewed. */
export const riskAreas = ['personnel', 'facilities', 'power', 'connectivity', 'merger_acquisition', 'disaster'] as const;
export type RiskArea = (typeof riskAreas)[number];
export const riskAreaLabels: Readonly<Record<RiskArea, string>> = {
  personnel: 'personnel',
  facilities: 'facilities',
  power: 'power',
  connectivity: 'connectivity',
  merger_acquisition: 'merger/acquisition',
  disaster: 'disaster',
};

export const areaStatuses = ['ok', 'watch', 'problem'] as const;
export type AreaStatus = (typeof areaStatuses)[number];
export const areaStatusLabels: Readonly<Record<AreaStatus, string>> = { ok: 'ok', watch: 'watch', problem: 'problem' };

/** Longest text any answer field keeps; Slack's plain-text inputs allow up to 3000, this leaves room in summaries. */
export const ANSWER_TEXT_MAX = 2000;

export interface Question {
  id: string;
  label: string;
  type: 'choice' | 'text';
  options?: Array<{ value: string; label: string }>;
  optional?: boolean;
}

/** The questions of a run, snapshotted when it is posted so editing a schedule never changes a run in progress. */
export interface QuestionSet {
  kind: CheckinKind;
  version: 1;
  title: string;
  questions: Question[];
}

export function isCheckinKind(s: string): s is CheckinKind {
  return (checkinKinds as readonly string[]).includes(s);
}

export function isRiskArea(s: string): s is RiskArea {
  return (riskAreas as readonly string[]).includes(s);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Built anew on every call, so a caller that edits its copy (or a stored snapshot) cannot leak into the next run. */
export function questionSet(kind: CheckinKind): QuestionSet {
  if (kind === 'sync') {
    return {
      kind: 'sync',
      version: 1,
      title: 'Project sync',
      questions: [
        {
          id: 'status',
          label: 'Status',
          type: 'choice',
          options: syncStatuses.map((value) => ({ value, label: syncStatusLabels[value] })),
        },
        { id: 'progress', label: 'Progress since the last sync', type: 'text' },
        { id: 'blockers', label: 'Blockers', type: 'text', optional: true },
        { id: 'next_steps', label: 'Next steps', type: 'text' },
      ],
    };
  }
  if (kind === 'risk') {
    return {
      kind: 'risk',
      version: 1,
      title: 'Risk review',
      questions: riskAreas.flatMap((area): Question[] => [
        {
          id: `${area}_status`,
          label: capitalise(riskAreaLabels[area]),
          type: 'choice',
          options: areaStatuses.map((value) => ({ value, label: areaStatusLabels[value] })),
        },
        { id: `${area}_note`, label: `${capitalise(riskAreaLabels[area])}: note`, type: 'text', optional: true },
      ]),
    };
  }
  // Reached only through an unchecked cast, e.g. a schedule row written by a newer version.
  throw new RangeError(`Unknown check-in kind: ${String(kind)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads back a snapshot stored as JSON, or undefined when it is not one. A run keeps the questions
 * it was posted with, so a malformed snapshot must be noticed rather than silently replaced.
 */
export function parseQuestionSet(json: unknown): QuestionSet | undefined {
  if (!isRecord(json)) return undefined;
  const { kind, version, title, questions } = json;
  if (typeof kind !== 'string' || !isCheckinKind(kind) || version !== 1 || typeof title !== 'string') return undefined;
  if (!Array.isArray(questions)) return undefined;
  const out: Question[] = [];
  const ids = new Set<string>();
  for (const q of questions as unknown[]) {
    if (!isRecord(q) || typeof q.id !== 'string' || q.id === '' || typeof q.label !== 'string') return undefined;
    if (ids.has(q.id)) return undefined;
    ids.add(q.id);
    if (q.optional !== undefined && typeof q.optional !== 'boolean') return undefined;
    const question: Question = { id: q.id, label: q.label, type: 'text' };
    if (q.type === 'choice') {
      if (!Array.isArray(q.options) || q.options.length === 0) return undefined;
      const options: Array<{ value: string; label: string }> = [];
      for (const o of q.options as unknown[]) {
        if (!isRecord(o) || typeof o.value !== 'string' || typeof o.label !== 'string') return undefined;
        options.push({ value: o.value, label: o.label });
      }
      question.type = 'choice';
      question.options = options;
    } else if (q.type !== 'text') {
      return undefined;
    }
    if (q.optional === true) question.optional = true;
    out.push(question);
  }
  return { kind, version: 1, title, questions: out };
}

export type Answer = { kind: 'form'; values: Record<string, string> } | { kind: 'text'; text: string };

function codePointLength(text: string): number {
  let n = 0;
  // Counting code points, not UTF-16 units, so an emoji counts as the one character people see.
  for (const _ of text) n++;
  return n;
}

function ownString(values: Record<string, string | undefined>, key: string): string | undefined {
  if (!Object.hasOwn(values, key)) return undefined;
  const value = values[key];
  return typeof value === 'string' ? value : undefined;
}

function matchOption(question: Question, raw: string): string | undefined {
  const options = question.options ?? [];
  const exact = options.find((o) => o.value === raw);
  if (exact) return exact.value;
  // Typed answers (sandbox, thread replies) may use the label or another case; forms send the value.
  const lower = raw.toLowerCase();
  return options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower)?.value;
}

function optionList(question: Question): string {
  return (question.options ?? []).map((o) => o.label).join(', ');
}

/**
 * Validates form values against the snapshotted question set: required ones present, choices among
 * the options, text ≤ ANSWER_TEXT_MAX characters. Values are trimmed, choices map to their option
 * value, empty optional answers and keys the set does not ask about are dropped. Errors are keyed
 * by question id, one sentence each, ready for a modal's `response_action: errors`.
 */
export function validateAnswer(set: QuestionSet, values: Record<string, string | undefined>): { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> } {
  const out: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const question of set.questions) {
    const raw = ownString(values, question.id)?.replace(/\r\n?/g, '\n').trim() ?? '';
    if (raw === '') {
      if (question.optional) continue;
      errors[question.id] = question.type === 'choice' ? `Choose one of: ${optionList(question)}.` : 'Please answer this question.';
      continue;
    }
    if (question.type === 'choice') {
      const value = matchOption(question, raw);
      if (value === undefined) errors[question.id] = `That is not one of the choices: ${optionList(question)}.`;
      else out[question.id] = value;
      continue;
    }
    const length = codePointLength(raw);
    if (length > ANSWER_TEXT_MAX) {
      errors[question.id] = `Keep this to ${ANSWER_TEXT_MAX} characters (it has ${length}).`;
      continue;
    }
    out[question.id] = raw;
  }
  return Object.keys(errors).length === 0 ? { ok: true, values: out } : { ok: false, errors };
}

// ─── Free-text answers ──────────────────────────────────────────────────────────────────────────

// Bullets, quote markers and emoji shortcodes that people put before the first word of a line.
const LEAD_RE = /^[ \t]*(?:(?:[-*•·◦>]|\d{1,3}[.)])[ \t]+)?(?::[a-z0-9_+'-]+:[ \t]*)*/i;
const STATUS_LABEL_RE = /^[*_~]*status(?![\p{L}\p{N}])[*_~]*[ \t]*(?:[:=\-–—][ \t]*)?[*_~]*[ \t]*/iu;
const STATUS_PHRASE_RE = /^[*_~]*(on[ \t-]?track|at[ \t-]?risk|off[ \t-]?track|green|amber|yellow|red)(?![\p{L}\p{N}])[*_~]*/iu;
const STATUS_SEPARATOR_RE = /^[ \t]*(?:[:;,.!=\-–—]+|$)[ \t]*/;
const SECTION_RE = /^[*_~]*(progress|update|done|blockers?|blocked|impediments?|next[ \t]+steps?|next|plans?)[*_~]*[ \t]*[:：][*_~]*[ \t]*/i;

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
const AREA_BY_WORD: ReadonlyMap<string, RiskArea | 'all'> = new Map(AREA_WORDS);

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
  `^[*_~]*(${alternation(AREA_BY_WORD.keys())})(?![\\p{L}\\p{N}])[*_~]*[ \\t]*(?:[:=\\-–—][ \\t]*)?[*_~]*` + `(${alternation(AREA_STATUS_WORDS.keys())})(?![\\p{L}\\p{N}])[*_~]*(.*)$`,
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

// ─── Summary ────────────────────────────────────────────────────────────────────────────────────

/** How much of one person's answer the close message shows; the full answer stays in the thread and the modal. */
export const SUMMARY_DETAIL_MAX = 300;
const NO_STATUS = 'no_status';

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function get(values: Record<string, string>, key: string): string | undefined {
  const value = Object.hasOwn(values, key) ? values[key] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function optionLabel(set: QuestionSet, questionId: string, value: string): string {
  const question = set.questions.find((q) => q.id === questionId);
  return question?.options?.find((o) => o.value === value)?.label ?? value;
}

/** The values a status can take in this set, in the set's order. */
function statusValues(set: QuestionSet): string[] {
  const question = set.kind === 'sync' ? set.questions.find((q) => q.id === 'status') : set.questions.find((q) => q.id.endsWith('_status') && q.type === 'choice');
  return (question?.options ?? []).map((o) => o.value);
}

function statusQuestionId(set: QuestionSet): string | undefined {
  return set.kind === 'sync' ? 'status' : set.questions.find((q) => q.id.endsWith('_status'))?.id;
}

interface Digest {
  status: string | undefined;
  detail: string;
}

function syncDigest(set: QuestionSet, values: Record<string, string>): Digest {
  const parts: string[] = [];
  const progress = get(values, 'progress');
  const blockers = get(values, 'blockers');
  const next = get(values, 'next_steps');
  if (progress !== undefined) parts.push(progress);
  if (blockers !== undefined) parts.push(`${questionLabel(set, 'blockers', 'Blockers')}: ${blockers}`);
  if (next !== undefined) parts.push(`${questionLabel(set, 'next_steps', 'Next steps')}: ${next}`);
  return { status: get(values, 'status'), detail: parts.join(' · ') };
}

function questionLabel(set: QuestionSet, id: string, fallback: string): string {
  return set.questions.find((q) => q.id === id)?.label ?? fallback;
}

const SEVERITY: Readonly<Record<string, number>> = { ok: 0, watch: 1, problem: 2 };

function riskDigest(values: Record<string, string>): Digest {
  const stated: Array<{ area: RiskArea; status: string; note: string | undefined }> = [];
  for (const area of riskAreas) {
    const status = get(values, `${area}_status`);
    if (status !== undefined) stated.push({ area, status, note: get(values, `${area}_note`) });
  }
  if (stated.length === 0) return { status: undefined, detail: '' };
  const worst = stated.reduce((a, b) => ((SEVERITY[b.status] ?? 0) > (SEVERITY[a.status] ?? 0) ? b : a)).status;
  const notOk = stated.filter((s) => s.status !== 'ok').sort((a, b) => (SEVERITY[b.status] ?? 0) - (SEVERITY[a.status] ?? 0));
  const ok = stated.filter((s) => s.status === 'ok');
  const parts = notOk.map((s) => {
    const label = `${riskAreaLabels[s.area]}: ${areaStatusLabels[s.status as AreaStatus] ?? s.status}`;
    return s.note === undefined ? label : `${label} (${s.note})`;
  });
  if (ok.length === riskAreas.length) parts.push('all areas ok');
  else if (ok.length > 0 && stated.length === riskAreas.length) parts.push('others ok');
  else if (ok.length > 0) parts.push(`ok: ${ok.map((s) => riskAreaLabels[s.area]).join(', ')}`);
  return { status: worst, detail: parts.join(' · ') };
}

/**
 * One answer in brief, as plain text (escape it for display): its status (a value of the set, or
 * undefined when it gave none or one outside the set, such as a hand-edited row) with the status's
 * label, and the rest on one line. A risk review's status is its worst area. A reply nothing could
 * be read from is still shown, as what the person wrote.
 */
export function answerDigest(set: QuestionSet, answer: { values: Record<string, string>; text?: string }): { status: string | undefined; statusLabel: string | undefined; detail: string } {
  const digest = set.kind === 'sync' ? syncDigest(set, answer.values) : riskDigest(answer.values);
  const detail = oneLine(digest.detail !== '' ? digest.detail : (answer.text ?? ''));
  const status = digest.status !== undefined && statusValues(set).includes(digest.status) ? digest.status : undefined;
  const statusId = statusQuestionId(set);
  const statusLabel = status === undefined ? undefined : statusId === undefined ? status : optionLabel(set, statusId, status);
  return { status, statusLabel, detail };
}

/**
 * The body of the close message, as mrkdwn lines: one line per respondent (expected people first,
 * in the order given, then anyone else who answered), each with the status first; then the tally
 * and who missed. A risk review's status is the worst area. User text is escaped and shortened to
 * SUMMARY_DETAIL_MAX characters; `mention` is trusted to return safe mrkdwn. The tally has every
 * status of the set (zero included), plus `no_status` when some answer gave none; `missed` holds
 * user ids.
 */
export function summarise(
  set: QuestionSet,
  expected: string[],
  answers: Map<string, { values: Record<string, string>; text?: string }>,
  mention: (userId: string) => string,
): { lines: string[]; missed: string[]; tally: Record<string, number> } {
  const statuses = statusValues(set);
  const tally: Record<string, number> = Object.fromEntries(statuses.map((s) => [s, 0]));
  const order = [...new Set([...expected.filter((u) => answers.has(u)), ...answers.keys()])];
  const lines: string[] = [];
  const statusId = statusQuestionId(set);
  for (const userId of order) {
    const answer = answers.get(userId);
    if (answer === undefined) continue;
    const { status, statusLabel, detail } = answerDigest(set, answer);
    const key = status ?? NO_STATUS;
    tally[key] = (tally[key] ?? 0) + 1;
    const statusText = statusLabel === undefined ? '_no status_' : `*${escapeText(statusLabel)}*`;
    const tail = detail === '' ? '' : ` — ${escapeText(shorten(detail, SUMMARY_DETAIL_MAX))}`;
    lines.push(`• ${mention(userId)} — ${statusText}${tail}`);
  }
  if (lines.length === 0) lines.push('_No answers._');

  const tallyParts = statuses.map((s) => `${tally[s] ?? 0} ${escapeText(statusId ? optionLabel(set, statusId, s) : s)}`);
  if ((tally[NO_STATUS] ?? 0) > 0) tallyParts.push(`${tally[NO_STATUS]} without a status`);
  lines.push(`*Tally:* ${tallyParts.join(' · ')}`);

  const missed = stillToAnswer(expected, answers.keys());
  lines.push(missed.length === 0 ? '*Missed:* nobody' : `*Missed:* ${missed.map(mention).join(', ')}`);
  return { lines, missed, tally };
}

/** Who the reminder mentions: expected minus answered, order preserved, no duplicates. */
export function stillToAnswer(expected: string[], answered: Iterable<string>): string[] {
  const done = new Set(answered);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const userId of expected) {
    if (done.has(userId) || seen.has(userId)) continue;
    seen.add(userId);
    out.push(userId);
  }
  return out;
}

// ─── Risk register ──────────────────────────────────────────────────────────────────────────────

export const riskCategories = [...riskAreas, 'other'] as const;
export type RiskCategory = (typeof riskCategories)[number];

export const RISK_TITLE_MAX = 200;
export const RISK_MITIGATION_MAX = 1000;
/** Likelihood and impact when `/accord risk add` leaves them out: the middle of the 1–5 scale. */
export const DEFAULT_RISK_RATING = 3;

/** Category from user text: the stored value, its label, the area synonyms above, or `other`. */
export function parseRiskCategory(text: string): RiskCategory | undefined {
  if (typeof text !== 'string') return undefined;
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (key === 'other') return 'other';
  const area = AREA_BY_WORD.get(key);
  return area === undefined || area === 'all' ? undefined : area;
}

export interface RiskInput {
  /** Required on add; on update, undefined leaves the title as it is. */
  title?: string;
  category?: string;
  likelihood?: string;
  impact?: string;
  /** YYYY-MM-DD */
  review?: string;
  mitigation?: string;
}

export interface RiskFields {
  title?: string;
  category?: RiskCategory;
  likelihood?: number;
  impact?: number;
  review?: string;
  mitigation?: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const match = typeof text === 'string' ? DATE_RE.exec(text) : null;
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const RATING_RE = /^[1-5]$/;

function categoryList(): string {
  const names = riskAreas.map((a) => riskAreaLabels[a]);
  return `${names.join(', ')} or other`;
}

/**
 * Validates `/accord risk add|update` fields. On add a title is required and likelihood and impact
 * default to 3; on update only the fields given come back, an empty mitigation meaning "clear it".
 * An update with no fields at all is valid, because the command may change only the owner, which
 * is not checked here. Every problem is named, one sentence each, in one message.
 */
export function validateRisk(input: RiskInput, today: string, mode: 'add' | 'update'): { ok: true; value: RiskFields } | { ok: false; error: string } {
  const problems: string[] = [];
  const value: RiskFields = {};

  if (input.title === undefined || input.title.trim() === '') {
    if (mode === 'add') problems.push('Give the risk a title, in quotes.');
    else if (input.title !== undefined) problems.push('The title cannot be empty.');
  } else {
    // One line: titles are shown in lists and in the `R-n` header.
    const title = oneLine(input.title);
    const length = codePointLength(title);
    if (length > RISK_TITLE_MAX) problems.push(`The title has ${length} characters; keep it to ${RISK_TITLE_MAX}.`);
    else value.title = title;
  }

  if (input.category !== undefined) {
    const category = parseRiskCategory(input.category);
    if (category === undefined) problems.push(`${echo(input.category)} is not a category: use ${categoryList()}.`);
    else value.category = category;
  }

  for (const field of ['likelihood', 'impact'] as const) {
    const raw = input[field];
    if (raw === undefined) {
      if (mode === 'add') value[field] = DEFAULT_RISK_RATING;
      continue;
    }
    const trimmed = raw.trim();
    if (RATING_RE.test(trimmed)) value[field] = Number(trimmed);
    else problems.push(`${capitalise(field)} must be a whole number from 1 to 5, not ${echo(raw)}.`);
  }

  if (input.review !== undefined) {
    const review = input.review.trim();
    if (!DATE_RE.test(review)) problems.push(`The review date must be written YYYY-MM-DD, not ${echo(input.review)}.`);
    else if (!isCalendarDate(review)) problems.push(`The review date ${review} does not exist.`);
    else if (review < today) problems.push(`The review date ${review} is in the past (today is ${today}).`);
    else value.review = review;
  }

  if (input.mitigation !== undefined) {
    const mitigation = input.mitigation.replace(/\r\n?/g, '\n').trim();
    const length = codePointLength(mitigation);
    if (length > RISK_MITIGATION_MAX) {
      problems.push(`The mitigation has ${length} characters; keep it to ${RISK_MITIGATION_MAX}.`);
    } else if (mitigation !== '' || mode === 'update') {
      value.mitigation = mitigation;
    }
  }

  if (problems.length === 0) return { ok: true, value };
  return { ok: false, error: problems.length === 1 ? (problems[0] ?? '') : problems.map((p) => `• ${p}`).join('\n') };
}

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

/**
 * score = likelihood × impact on the usual 5×5 matrix. Bands: 1–4 low, 5–9 medium, 10–16 high,
 * 20–25 critical (17–19 cannot occur). So a certain but minor risk (5×1) is medium, while a likely
 * and severe one (4×5) is critical.
 */
export function riskScore(likelihood: number, impact: number): { score: number; level: RiskLevel } {
  const score = likelihood * impact;
  const level: RiskLevel = score >= 20 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low';
  return { score, level };
}

/** A review is overdue once its date has passed; one due today is not overdue yet. */
export function isReviewOverdue(review: string | null, today: string): boolean {
  if (review === null || !isCalendarDate(review) || !isCalendarDate(today)) return false;
  return review < today;
}

export const riskLabel = (n: number): string => `R-${n}`;

// Bounded by PostgreSQL's integer, the type of the risk number.
const MAX_RISK_NUMBER = 2_147_483_647;

/** 'R-3', 'r-3', 'R3', '3' (and 'R–3' with a typographic dash) → 3; anything else, or 0, → undefined. */
export function parseRiskRef(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(?:r[-–—]?)?(\d{1,10})$/i.exec(text.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  return n >= 1 && n <= MAX_RISK_NUMBER ? n : undefined;
}
