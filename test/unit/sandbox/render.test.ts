import { describe, expect, it } from 'vitest';
import {
  DIVIDER,
  modalInputs,
  renderBlocks,
  renderMessage,
  renderMrkdwn,
  renderView,
  viewTitle,
  type ButtonRef,
  type Names,
} from '../../../src/sandbox/render';

const names: Names = {
  user: (id) => ({ U0ALICE: 'alice', U0VERA: 'vera' })[id],
  channel: (id) => ({ C0GENERAL: 'general' })[id],
};

function counter() {
  const pressed: ButtonRef[] = [];
  return {
    pressed,
    next: (ref: ButtonRef) => {
      pressed.push(ref);
      return pressed.length;
    },
  };
}

describe('renderMrkdwn', () => {
  it.each([
    ['<@U0ALICE> asked', '@alice asked'],
    ['<@U0VERA|vera.v>', '@vera'],
    ['<@U0BOB|bob>', '@bob'],
    ['<@U0BOB>', '@U0BOB'],
    ['in <#C0GENERAL>', 'in #general'],
    ['in <#C0GENERAL|old-name>', 'in #general'],
    ['in <#C0NEW|proj-acme>', 'in #proj-acme'],
    ['a &lt;b&gt; &amp; c', 'a <b> & c'],
    ['typed &amp;lt; literally', 'typed &lt; literally'],
    ['see <https://example.com/x|the runbook>', 'see the runbook (https://example.com/x)'],
    ['see <https://example.com/x>', 'see https://example.com/x'],
    ['mail <mailto:ops@example.com|ops@example.com>', 'mail ops@example.com'],
    ['<!here> and <!channel>', '@here and @channel'],
    ['<!subteam^S0OPS|@oncall> look', '@oncall look'],
    ['due <!date^1772442000^{date_short}|Mar 2>', 'due Mar 2'],
    [':warning: careful :no_entry:', '⚠️ careful ⛔'],
    ['unknown :party_parrot: stays', 'unknown :party_parrot: stays'],
    ['at 10:00:00 sharp', 'at 10:00:00 sharp'],
    ['not a tag <b', 'not a tag <b'],
  ])('%s', (source, expected) => {
    expect(renderMrkdwn(source, names)).toBe(expected);
  });
});

describe('renderBlocks', () => {
  it('renders headers, sections with fields, dividers and context', () => {
    const lines = renderBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Escalation ESC-1' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Outage* raised by <@U0ALICE>\nsecond line' },
          fields: [{ type: 'mrkdwn', text: '*Severity*\nsev1' }],
        },
        { type: 'divider' },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'in <#C0GENERAL>' },
            { type: 'image', alt_text: 'logo', image_url: 'https://x/y.png' },
          ],
        },
      ],
      names,
      counter().next,
    );
    expect(lines).toEqual([
      '== Escalation ESC-1 ==',
      '*Outage* raised by @alice',
      'second line',
      '*Severity*',
      'sev1',
      DIVIDER,
      'in #general  [logo]',
    ]);
  });

  it('numbers buttons and remembers what a press must send', () => {
    const buttons = counter();
    const lines = renderBlocks(
      [
        {
          type: 'section',
          block_id: 'head',
          text: { type: 'mrkdwn', text: 'ESC-1' },
          accessory: { type: 'button', action_id: 'esc.open', value: '1', text: { type: 'plain_text', text: 'Open' } },
        },
        {
          type: 'actions',
          block_id: 'esc-actions',
          elements: [
            {
              type: 'button',
              action_id: 'esc.ack',
              value: '1',
              text: { type: 'plain_text', text: 'Acknowledge' },
              style: 'primary',
            },
            { type: 'button', action_id: 'esc.resolve', value: '1', text: { type: 'plain_text', text: 'Resolve' } },
            {
              type: 'static_select',
              action_id: 'esc.sev',
              placeholder: { type: 'plain_text', text: 'Severity' },
              options: [{ text: { type: 'plain_text', text: 'sev1' }, value: 's1' }],
            },
          ],
        },
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'Runbook' }, url: 'https://example.com/rb' }],
        },
      ],
      names,
      buttons.next,
    );
    expect(lines).toEqual([
      'ESC-1',
      '(1) Open',
      '(2) Acknowledge  (3) Resolve  [static_select “Severity”: sev1]',
      '(4) Runbook (https://example.com/rb)',
    ]);
    expect(buttons.pressed[1]).toEqual({
      actionId: 'esc.ack',
      blockId: 'esc-actions',
      value: '1',
      label: 'Acknowledge',
      url: undefined,
    });
    expect(buttons.pressed[3]).toMatchObject({
      blockId: 'block-3',
      label: 'Runbook',
      url: 'https://example.com/rb',
      value: undefined,
    });
  });

  it('flattens rich text and names blocks it does not know', () => {
    const lines = renderBlocks(
      [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'Hi ' },
                { type: 'user', user_id: 'U0VERA' },
                { type: 'emoji', name: 'wave' },
              ],
            },
            {
              type: 'rich_text_list',
              style: 'ordered',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url: 'https://a.b', text: 'one' }] }],
            },
            { type: 'rich_text_quote', elements: [{ type: 'text', text: 'quoted' }] },
          ],
        },
        { type: 'image', image_url: 'https://x/y.png', alt_text: 'burndown chart' },
        { type: 'video' },
        'not a block',
      ],
      names,
      counter().next,
    );
    expect(lines).toEqual([
      'Hi @vera👋',
      '1. one (https://a.b)',
      '> quoted',
      '[image: burndown chart]',
      '[video block]',
    ]);
  });
});

describe('renderMessage', () => {
  it('shows the blocks when there are any, as Slack does', () => {
    expect(
      renderMessage(
        { text: 'fallback', blocks: [{ type: 'section', text: { type: 'plain_text', text: 'from blocks' } }] },
        names,
        counter().next,
      ),
    ).toEqual(['from blocks']);
  });

  it('falls back to the text, split into lines', () => {
    expect(renderMessage({ text: 'one <@U0ALICE>\ntwo', blocks: [] }, names, counter().next)).toEqual([
      'one @alice',
      'two',
    ]);
  });
});

describe('views', () => {
  const modal = {
    type: 'modal',
    callback_id: 'esc.raise',
    title: { type: 'plain_text', text: 'Raise an escalation' },
    submit: { type: 'plain_text', text: 'Raise' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'For project *Apollo*' } },
      {
        type: 'input',
        block_id: 'summary',
        label: { type: 'plain_text', text: 'Summary' },
        element: { type: 'plain_text_input', action_id: 'value' },
        hint: { type: 'plain_text', text: 'One line' },
      },
      {
        type: 'input',
        block_id: 'severity',
        label: { type: 'plain_text', text: 'Severity' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: [
            { text: { type: 'plain_text', text: 'Sev 1' }, value: 'sev1' },
            { text: { type: 'plain_text', text: 'Sev 2' }, value: 'sev2' },
          ],
        },
      },
      {
        type: 'input',
        optional: true,
        label: { type: 'plain_text', text: 'Owner' },
        element: { type: 'users_select', action_id: 'owner' },
      },
    ],
  };

  it('names each input by the field to type in submit', () => {
    expect(modalInputs(modal, names).map((i) => [i.field, i.blockId, i.actionId, i.label, i.optional])).toEqual([
      ['summary', 'summary', 'value', 'Summary', false],
      ['severity', 'severity', 'value', 'Severity', false],
      ['owner', 'block-4', 'owner', 'Owner', true],
    ]);
  });

  it('renders a modal with its inputs and how to submit it', () => {
    expect(viewTitle(modal, names)).toBe('Raise an escalation');
    expect(renderView(modal, names, counter().next)).toEqual([
      'For project *Apollo*',
      '▹ Summary: summary=… (text)',
      '  One line',
      '▹ Severity: severity=… (one of sev1, sev2)',
      '▹ Owner (optional): owner=… (@user)',
      '[Raise] — type: submit summary=… severity=… owner=…',
    ]);
  });

  it('renders a home tab as its blocks alone', () => {
    const home = {
      type: 'home',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Accord' } }, { type: 'divider' }],
    };
    expect(renderView(home, names, counter().next)).toEqual(['== Accord ==', DIVIDER]);
    expect(viewTitle(home, names)).toBe('App Home');
  });
});
