import { escapeText, shorten } from '../../messages/mrkdwn';
import {
  riskAreas,
  type RiskArea,
  riskAreaLabels,
  type AreaStatus,
  areaStatusLabels,
  type QuestionSet,
} from './questions';
import { oneLine } from './text';

/** How much of one person's answer the close message shows; the full answer stays in the thread and the modal. */
export const SUMMARY_DETAIL_MAX = 300;
const NO_STATUS = 'no_status';

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
  const question =
    set.kind === 'sync'
      ? set.questions.find((q) => q.id === 'status')
      : set.questions.find((q) => q.id.endsWith('_status') && q.type === 'choice');
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
  const notOk = stated
    .filter((s) => s.status !== 'ok')
    .sort((a, b) => (SEVERITY[b.status] ?? 0) - (SEVERITY[a.status] ?? 0));
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
export function answerDigest(
  set: QuestionSet,
  answer: { values: Record<string, string>; text?: string },
): { status: string | undefined; statusLabel: string | undefined; detail: string } {
  const digest = set.kind === 'sync' ? syncDigest(set, answer.values) : riskDigest(answer.values);
  const detail = oneLine(digest.detail !== '' ? digest.detail : (answer.text ?? ''));
  const status = digest.status !== undefined && statusValues(set).includes(digest.status) ? digest.status : undefined;
  const statusId = statusQuestionId(set);
  const statusLabel =
    status === undefined ? undefined : statusId === undefined ? status : optionLabel(set, statusId, status);
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

  const tallyParts = statuses.map(
    (s) => `${tally[s] ?? 0} ${escapeText(statusId ? optionLabel(set, statusId, s) : s)}`,
  );
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
