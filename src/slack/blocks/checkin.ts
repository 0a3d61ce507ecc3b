import type { KnownBlock, View } from '@slack/types';
import type { QuestionSet } from '../../domain/checkin';
import { actionIds, viewIds } from '../ids';
import { context, escapeText, mentionUser, section, truncate } from './text';
import type { SlackMessage } from './types';

export interface CheckinView {
  runId: number;
  set: QuestionSet;
  /** `2026-03-02 10:00 Europe/Riga`. */
  when: string;
  closes: string;
  late: boolean;
  expected: string[];
  open: boolean;
  answered: number;
  /** Already mrkdwn: overdue risk reviews, flagged at a risk check-in. */
  overdue: string[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** The check-in's channel message; updated when it closes. */
export function checkinMessage(c: CheckinView): SlackMessage {
  const head = `:clipboard: *${escapeText(c.set.title)}* · ${c.when}${c.late ? ' · _posted late: Accord was not running at the scheduled time_' : ''}`;
  const who = c.expected.length > 0 ? `Expected from ${c.expected.map(mentionUser).join(', ')}.` : 'Nobody is expected yet (no R/A people or partner leads); anyone in the project may answer.';
  const how = c.open ? `Press *Answer*, or reply in this thread. Answering again updates your answer. Closes ${c.closes}.` : `Closed · ${c.answered} answer${c.answered === 1 ? '' : 's'}; the summary is in the thread.`;
  const blocks: KnownBlock[] = [section(`${head}\n${who}`)];
  if (c.overdue.length > 0) blocks.push(section(`:warning: *Risk reviews overdue*\n${c.overdue.join('\n')}`));
  blocks.push(context(how));
  if (c.open) {
    blocks.push({ type: 'actions', block_id: `checkin:${c.runId}`, elements: [{ type: 'button', action_id: actionIds.checkinAnswer, text: plain('Answer'), style: 'primary', value: String(c.runId) }] });
  }
  return { text: escapeText(`${c.set.title} ${c.when}${c.open ? '' : ' (closed)'}`), blocks };
}

/** The answer form, built from the run's own question snapshot and pre-filled with an earlier answer. */
export function answerModal(runId: number, set: QuestionSet, previous: Record<string, string> | undefined): View {
  const blocks: KnownBlock[] = set.questions.map((q) => {
    const initial = previous?.[q.id];
    if (q.type === 'choice') {
      const options = (q.options ?? []).map((o) => ({ text: plain(o.label), value: o.value }));
      const selected = options.find((o) => o.value === initial);
      return { type: 'input', block_id: q.id, optional: q.optional ?? false, label: plain(truncate(q.label, 150)), element: { type: 'static_select', action_id: q.id, options, ...(selected ? { initial_option: selected } : {}) } };
    }
    return {
      type: 'input',
      block_id: q.id,
      optional: q.optional ?? false,
      label: plain(truncate(q.label, 150)),
      element: { type: 'plain_text_input', action_id: q.id, multiline: true, max_length: 2000, ...(initial ? { initial_value: initial } : {}) },
    };
  });
  return { type: 'modal', callback_id: viewIds.checkinAnswer, private_metadata: String(runId), title: plain(truncate(set.title, 24)), submit: plain('Send'), close: plain('Cancel'), blocks };
}

/** After a risk review names problems: one button per problem to record it as a risk. */
export function problemButtons(runId: number, userId: string, problems: Array<{ area: string; label: string; note: string }>): SlackMessage {
  const lines = problems.map((p) => `• *${escapeText(p.label)}*${p.note ? `: ${escapeText(truncate(p.note, 300))}` : ''}`);
  return {
    text: `${mentionUser(userId)} reported ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    blocks: [
      section(`:warning: ${mentionUser(userId)} reported ${problems.length === 1 ? 'a problem' : 'problems'}:\n${lines.join('\n')}`),
      {
        type: 'actions',
        block_id: `problems:${runId}:${userId}`,
        elements: problems.map((p) => ({ type: 'button', action_id: `${actionIds.riskFromProblem}:${p.area}`, text: plain(truncate(`Make “${p.label}” a risk`, 75)), value: `${runId}:${userId}:${p.area}` })),
      },
    ],
  };
}
