import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { checkinAnswers, checkinRuns, projects } from '../../db/schema';
import { riskAreaLabels } from '../../domain/checkins/questions';
import { conflict, notFound, validation } from '../../errors';
import { formatLocal } from '../../domain/time-zone';
import { answerRecorded, problemButtons } from '../../messages/checkin/message';
import { checkinRefusals } from '../../messages/checkin/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission, can } from '../permissions';
import { partnersOfProject, type ProjectRow } from '../projects/find-project';
import type { RunRow } from './runs';
import { validateAnswer } from '../../domain/checkins/answers';
import { interpretTextAnswer, problemsIn } from '../../domain/checkins/interpret';

/** A thread reply names its thread, where the confirmation is shown; a form's is shown in the channel. */
export type AnswerInput = { runId: number } & (
  { via: 'form'; values: Record<string, string | undefined> } | { via: 'thread'; text: string; threadTs: string }
);

export interface AnswerResult {
  updated: boolean;
  /** Per-question messages when a form answer was incomplete (nothing was saved). */
  errors?: Record<string, string>;
}

async function lockRun(ctx: ServiceContext, tx: Tx, runId: number): Promise<{ run: RunRow; project: ProjectRow }> {
  const [row] = await tx
    .select({ run: checkinRuns, project: projects })
    .from(checkinRuns)
    .innerJoin(projects, eq(projects.id, checkinRuns.projectId))
    .where(eq(checkinRuns.id, runId))
    .for('update', { of: checkinRuns });
  if (!row) throw notFound(checkinRefusals.runGone());
  const partnerIds = (await partnersOfProject(tx, row.project.id)).map((p) => p.id);
  if (ctx.actor.role === 'partner' && !can(ctx.actor, 'seeProject', { projectPartnerIds: partnerIds }))
    throw notFound(checkinRefusals.runGone());
  requirePermission(ctx.actor, 'contribute', { projectPartnerIds: partnerIds });
  return row;
}

/** The actor's earlier answer, to pre-fill the form. Checks the actor may answer at all. */
export async function answerFormFor({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { runId: number };
}): Promise<{ run: RunRow; previous: Record<string, string> | undefined }> {
  return ctx.db.transaction(async (tx) => {
    const { run } = await lockRun(ctx, tx, input.runId);
    if (run.status !== 'open') throw conflict(checkinRefusals.closedForm());
    const [previous] = await tx
      .select()
      .from(checkinAnswers)
      .where(and(eq(checkinAnswers.runId, run.id), eq(checkinAnswers.userId, ctx.actor.userId)));
    return { run, previous: previous?.values };
  });
}

/**
 * Records (or updates) the actor's answer to an open check-in, by form or by a reply in its thread.
 * Questions are those snapshotted on the run. The person is shown, privately and where they
 * answered, what was recorded: never by DM, which a partner in another Slack organisation may not
 * get. A risk review naming problems gets a thread message with one button per problem to record
 * it as a risk.
 */
export async function answerCheckin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AnswerInput;
}): Promise<AnswerResult> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { run, project } = await lockRun(ctx, tx, input.runId);
    if (run.status !== 'open') throw conflict(checkinRefusals.closedAnswer());
    let values: Record<string, string>;
    let text: string | null = null;
    if (input.via === 'form') {
      const checked = validateAnswer(run.questions, input.values);
      if (!checked.ok) return { updated: false, errors: checked.errors };
      values = checked.values;
    } else {
      const interpreted = interpretTextAnswer(run.questions, input.text);
      if (interpreted.text === '') throw validation(checkinRefusals.emptyReply());
      values = interpreted.values;
      text = interpreted.text.slice(0, 4000);
    }
    const [existing] = await tx
      .select()
      .from(checkinAnswers)
      .where(and(eq(checkinAnswers.runId, run.id), eq(checkinAnswers.userId, ctx.actor.userId)));
    if (existing) {
      await tx
        .update(checkinAnswers)
        .set({ values, text, via: input.via, updatedAt: now })
        .where(and(eq(checkinAnswers.runId, run.id), eq(checkinAnswers.userId, ctx.actor.userId)));
    } else {
      await tx.insert(checkinAnswers).values({
        runId: run.id,
        userId: ctx.actor.userId,
        values,
        text,
        via: input.via,
        answeredAt: now,
        updatedAt: now,
      });
    }
    await ctx.gateway.postEphemeral(
      tx,
      project.channelId,
      ctx.actor.userId,
      answerRecorded({
        set: run.questions,
        when: formatLocal(run.occurrence, project.timeZone),
        values,
        text: text ?? undefined,
        replaced: existing !== undefined,
        via: input.via,
      }),
      input.via === 'thread' ? input.threadTs : undefined,
    );
    const problems = problemsIn(values);
    if (run.kind === 'risk' && problems.length > 0) {
      await ctx.gateway.postMessage(
        tx,
        project.channelId,
        problemButtons(
          run.id,
          ctx.actor.userId,
          problems.map((p) => ({ area: p.area, label: riskAreaLabels[p.area], note: p.note })),
        ),
        run.messageOutboxId === null ? {} : { threadOf: { outboxId: run.messageOutboxId } },
      );
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: existing ? 'checkin.answer_updated' : 'checkin.answered',
      entityType: 'checkin_run',
      entityId: run.id,
      data: { via: input.via, values },
    });
    return { updated: existing !== undefined };
  });
}
