import { capitalise } from './text';

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
export const riskAreas = [
  'personnel',
  'facilities',
  'power',
  'connectivity',
  'merger_acquisition',
  'disaster',
] as const;
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
