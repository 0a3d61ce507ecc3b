import { ANSWER_TEXT_MAX, type Question, type QuestionSet } from './questions';
import { codePointLength } from './text';

export type Answer = { kind: 'form'; values: Record<string, string> } | { kind: 'text'; text: string };

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
export function validateAnswer(
  set: QuestionSet,
  values: Record<string, string | undefined>,
): { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> } {
  const out: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const question of set.questions) {
    const raw = ownString(values, question.id)?.replace(/\r\n?/g, '\n').trim() ?? '';
    if (raw === '') {
      if (question.optional) continue;
      errors[question.id] =
        question.type === 'choice' ? `Choose one of: ${optionList(question)}.` : 'Please answer this question.';
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
