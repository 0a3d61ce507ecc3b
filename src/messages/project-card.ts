import type { KnownBlock, View } from '@slack/types';

import { actionIds, inputIds, viewIds } from './ids';
import { context, escapeText, mentionUser, section, truncate } from './mrkdwn';
import type { Reply, SlackMessage } from './types';
import { riskCategories } from '../domain/checkins/risks';

export interface ProjectCardView {
  projectId: number;
  name: string;
  slug: string;
  customer: string | null;
  ownerUserId: string;
  partnerNames: string[];
  /** RACI activities, in name order; `accountable` is already mrkdwn (a mention or an escaped name). */
  raci: Array<{ activity: string; accountable: string }>;
  escalations: { open: number; acknowledged: number };
}

// The card lists a few activities; the rest are one `/accord raci show` away.
const RACI_SHOWN = 5;

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function button(text: string, actionId: string, projectId: number, style?: 'primary') {
  return {
    type: 'button' as const,
    action_id: actionId,
    text: plain(text),
    value: String(projectId),
    ...(style ? { style } : {}),
  };
}

function raciLine(raci: ProjectCardView['raci']): string {
  if (raci.length === 0)
    return '*Who does what*: not set yet (the vendor sets it with `/accord raci set` or `/accord raci template <stage>`).';
  const shown = raci.slice(0, RACI_SHOWN).map((r) => `${escapeText(truncate(r.activity, 60))} (A: ${r.accountable})`);
  const more = raci.length > RACI_SHOWN ? `, and ${raci.length - RACI_SHOWN} more` : '';
  return `*Who does what*: ${raci.length} activit${raci.length === 1 ? 'y' : 'ies'}: ${shown.join(', ')}${more}.`;
}

function escalationLine({ open, acknowledged }: ProjectCardView['escalations']): string {
  if (open + acknowledged === 0) return '*Escalations*: none open.';
  return `*Escalations*: ${open} waiting for acknowledgement, ${acknowledged} acknowledged and not yet resolved.`;
}

/**
 * The project card: the channel's welcome message, pinned, and updated in place when what it
 * shows changes. Its buttons are how people of a partner's own Slack organisation reach Accord,
 * since Slack offers them no slash commands of an app installed elsewhere.
 */
export function projectCardMessage(c: ProjectCardView): SlackMessage {
  const forCustomer = c.customer ? ` for ${escapeText(c.customer)}` : '';
  const partners = c.partnerNames.length > 0 ? c.partnerNames.map(escapeText).join(', ') : 'the vendor team only';
  const blocks: KnownBlock[] = [
    section(
      [
        `:handshake: *Welcome to ${escapeText(c.name)}*${forCustomer}.`,
        `This channel is shared between the vendor team and ${partners} for the whole life of the project: status, check-ins, risks and escalations all happen here, so everyone sees the same picture.`,
      ].join('\n'),
    ),
    section(
      [
        `*Project owner*: ${mentionUser(c.ownerUserId)} · \`${c.slug}\``,
        raciLine(c.raci),
        escalationLine(c.escalations),
      ].join('\n'),
    ),
    {
      type: 'actions',
      block_id: `project_card:${c.projectId}`,
      elements: [
        button('Raise escalation', actionIds.cardRaiseEscalation, c.projectId, 'primary'),
        button('Add risk', actionIds.cardAddRisk, c.projectId),
        button('Our score', actionIds.cardScore, c.projectId),
        button('Our statement', actionIds.cardStatement, c.projectId),
        button('Help', actionIds.cardHelp, c.projectId),
      ],
    },
    context(
      'Use the buttons, or mention Accord with any command (`@Accord escalate sev2 Orders failing`). Acknowledge and resolve escalations, and answer check-ins, by replying in their threads. In the vendor’s own workspace `/escalate` and `/accord …` work too; `/accord help` lists everything.',
    ),
  ];
  return { text: `Welcome to ${escapeText(truncate(c.name, 200))}${forCustomer}: the project card.`, blocks };
}

/** *Help* on the card: what everyone in the channel can do here, partners of another organisation included. */
export function projectCardHelp(projectSlug: string): string {
  return [
    `*Accord in \`${projectSlug}\`*`,
    '• *Raise escalation*: a form; the right people are notified and reminded until someone acknowledges. Or mention Accord: `@Accord escalate sev2 Orders failing`.',
    '• *Acknowledge / resolve*: the buttons on the escalation, or a reply in its thread starting with `ack` or `on it`, and `resolved: <what was done>`.',
    '• *Check-ins*: press *Answer* on the check-in, or reply in its thread.',
    '• *Add risk*: a form, or `@Accord risk add "<title>" likelihood=1-5 impact=1-5`.',
    '• *Our score* and *Our statement*: shown only to you; a partner sees their own partner’s.',
    '• Any command `/accord` takes also works as `@Accord <command>`, e.g. `@Accord help`.',
  ].join('\n');
}

const categoryLabel = (c: string) => (c === 'merger_acquisition' ? 'merger / acquisition' : c);

/** *Add risk* on the card; private_metadata carries the project's channel, where the risk is announced. */
export function addRiskModal(channelId: string, projectName: string): View {
  const numbers = [1, 2, 3, 4, 5].map((n) => ({ text: plain(String(n)), value: String(n) }));
  const three = numbers[2];
  return {
    type: 'modal',
    callback_id: viewIds.riskAdd,
    private_metadata: channelId,
    title: plain('Add risk'),
    submit: plain('Add'),
    close: plain('Cancel'),
    blocks: [
      context(`Project *${escapeText(truncate(projectName, 200))}*`),
      {
        type: 'input',
        block_id: inputIds.title,
        label: plain('Risk'),
        element: { type: 'plain_text_input', action_id: inputIds.title, max_length: 200 },
      },
      {
        type: 'input',
        block_id: inputIds.riskCategory,
        label: plain('Area'),
        element: {
          type: 'static_select',
          action_id: inputIds.riskCategory,
          options: riskCategories.map((c) => ({ text: plain(categoryLabel(c)), value: c })),
          initial_option: { text: plain('other'), value: 'other' },
        },
      },
      {
        type: 'input',
        block_id: inputIds.likelihood,
        label: plain('Likelihood (1–5)'),
        element: {
          type: 'static_select',
          action_id: inputIds.likelihood,
          options: numbers,
          ...(three ? { initial_option: three } : {}),
        },
      },
      {
        type: 'input',
        block_id: inputIds.impact,
        label: plain('Impact (1–5)'),
        element: {
          type: 'static_select',
          action_id: inputIds.impact,
          options: numbers,
          ...(three ? { initial_option: three } : {}),
        },
      },
      {
        type: 'input',
        block_id: inputIds.mitigation,
        optional: true,
        label: plain('Mitigation'),
        element: { type: 'plain_text_input', action_id: inputIds.mitigation, multiline: true, max_length: 1000 },
      },
    ],
  };
}

/** The card's answers, for the person who pressed a button. */
export const projectCardReplies = {
  /** A person of another organisation has no slash command to fall back on: the mention is the way. */
  formDidNotOpen: (): Reply => ({
    text: ':warning: Slack would not open the form. Mention Accord instead, e.g. `@Accord escalate sev2 Orders failing` or `@Accord risk add "<title>"`.',
  }),
  /** *Our statement* with nothing to show: `partnerNames` empty for a partner member (it is their own partner). */
  noStatement(partnerAsking: boolean, partnerNames: readonly string[]): Reply {
    const whose = partnerAsking ? 'your partner' : partnerNames.map(escapeText).join(', ') || 'this project’s partners';
    return {
      text: `There is no ${partnerAsking ? 'approved ' : ''}statement for ${whose} yet. Statements are built at each settlement and shown to partners once approved.`,
    };
  },
  help: (projectSlug: string): Reply => ({ text: projectCardHelp(projectSlug) }),
};

/** The titles of the forms the card's buttons open (shown while they load). */
export const projectCardFormTitles = { raiseEscalation: 'Escalate', addRisk: 'Add risk' } as const;
