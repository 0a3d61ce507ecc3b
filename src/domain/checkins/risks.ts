import { echo } from '../../messages/mrkdwn';
import { riskAreas, riskAreaLabels } from './questions';
import { AREA_BY_WORD } from './interpret';
import { capitalise, codePointLength, oneLine } from './text';

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
export function validateRisk(
  input: RiskInput,
  today: string,
  mode: 'add' | 'update',
): { ok: true; value: RiskFields } | { ok: false; error: string } {
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
