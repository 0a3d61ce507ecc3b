import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { CONNECT_CHANNEL, people, VENDOR_TEAM } from '../../src/testkit/world';
import { givenPartner } from '../../src/testkit/given';
import { viewSubmission } from '../../src/testkit/forms';

const ADVICE = 'This channel is not a project channel: name the project with `project=<slug>`';

/**
 * Outside a project channel, every command that needs a project gives the same advice; typing the
 * command again with `project=<slug>` added, as the advice says, must then work.
 */
describe.each(drivers)('the not-a-project-channel advice works when followed (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ driver });
    await h.slack.join(people.alice, 'C0GENERAL');
    await h.slack.join(people.victor, 'C0GENERAL');
    await givenPartner(h);
    expect(await h.ask(people.victor, 'project create rollout "Riga rollout" partners=acme')).toContain(
      ':white_check_mark:',
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  // [who, command, arguments without a project, what the reply starts with once the project is named]
  it.each([
    ['victor', '/accord', 'project show', '*Riga rollout* `rollout`'],
    ['pat', '/accord', 'project show', '*Riga rollout* `rollout`'],
    ['victor', '/accord', 'raci template', ':white_check_mark: *acquisition* stage duties.'],
    [
      'victor',
      '/accord',
      'raci set "Invoice check" R=acme A=vendor',
      ':white_check_mark: Added *Invoice check* in `rollout`',
    ],
    ['pat', '/accord', 'raci show', '*RACI of Riga rollout*'],
    ['victor', '/accord', 'raci remove "Invoice check"', ':white_check_mark: Removed *Invoice check*'],
    ['pat', '/accord', 'change propose "Move the go-live"', ':white_check_mark: *CR-1*'],
    ['pat', '/escalate', 'sev3 Queue is slow', ':rotating_light: *ESC-1* raised'],
    ['pat', '/accord', 'escalation list', '*Escalations in `rollout`*'],
    ['victor', '/accord', 'checkin schedule sync "0 9 * * 1"', ':white_check_mark:'],
    ['pat', '/accord', 'checkin list', '*Check-ins'],
    ['victor', '/accord', 'checkin run sync', ':white_check_mark:'],
    ['pat', '/accord', 'risk add "Agents leave"', ':white_check_mark: *R-1* recorded'],
    ['pat', '/accord', 'risk list', '*Risks of `rollout`*'],
    ['alice', '/accord', 'sla quota sev1=2', ':white_check_mark: `rollout` may open 2 sev1 escalations a month'],
  ] as const)('%s: %s %s', async (who, command, text, success) => {
    const user = people[who];
    // pat, of another organisation, cannot be in the vendor's #general; the channel shared with his is.
    const outside = user.teamId === VENDOR_TEAM ? 'C0GENERAL' : CONNECT_CHANNEL;
    const advice = await h.ask(user, text, command, outside);
    expect(advice).toContain(ADVICE);
    const followed = await h.ask(user, `${text} project=rollout`, command, outside);
    expect(followed).not.toContain('not a project channel');
    expect(followed.startsWith(success), followed).toBe(true);
  });

  it('answers the /escalate form sent from outside a project channel with the advice and the command that follows it', async () => {
    const opened = h.standIn.openedViews.length;
    expect((await h.slack.command(people.victor, '/escalate', '', 'C0GENERAL')).status).toBe(200);
    await h.settle();
    const view = h.standIn.openedViews[opened];
    expect(view?.view.callback_id).toBe(viewIds.escalationRaise);
    const values = {
      [inputIds.severity]: { [inputIds.severity]: { type: 'static_select', selected_option: { value: 'sev3' } } },
      [inputIds.title]: { [inputIds.title]: { type: 'plain_text_input', value: 'Queue stuck' } },
    };
    const told = h.standIn.ephemerals.length;
    await h.slack.interaction(viewSubmission(people.victor, view, values));
    await h.settle();
    // Told privately in the channel the form came from, where a DM might not reach.
    const [dm] = h.standIn.ephemerals
      .slice(told)
      .filter((e) => e.user === people.victor.id && e.channel === 'C0GENERAL');
    expect(dm?.text).toContain(ADVICE);
    expect(dm?.text).toContain(
      'Usage: `/escalate sev1|sev2|sev3|sev4 <what happened> [activity="…"] [project=<slug>]`',
    );
    expect(await h.ask(people.victor, 'sev3 Queue stuck project=rollout', '/escalate')).toMatch(
      /^:rotating_light: \*ESC-\d+\* raised/,
    );
  });

  it('keeps `project show <slug>` working, takes both spellings when they agree and refuses two different projects', async () => {
    expect(await h.ask(people.victor, 'project show rollout')).toMatch(/^\*Riga rollout\* `rollout`/);
    expect(await h.ask(people.victor, 'project show rollout project=ROLLOUT')).toMatch(/^\*Riga rollout\* `rollout`/);
    expect(await h.ask(people.victor, 'project show rollout project=other')).toBe(
      ':warning: Name one project: `rollout` or `project=other`, not both.\nUsage: `/accord project show [<slug>|project=<slug>]`',
    );
  });

  it('answers a partner member naming another partner’s project with project= as if it did not exist', async () => {
    expect(await h.ask(people.alice, 'partner add globex "Globex"')).toContain(':white_check_mark:');
    expect(await h.ask(people.victor, 'project create ops "Ops" partners=globex')).toContain(':white_check_mark:');
    const hidden = await h.ask(people.pat, 'project show project=ops');
    expect(hidden).toBe(
      await h.ask(people.pat, 'project show project=nothing-here').then((r) => r.replace('nothing-here', 'ops')),
    );
    expect(hidden).toContain('There is no project `ops`');
  });
});
