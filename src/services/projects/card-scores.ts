import type { ScoreResult } from '../../domain/scores/score';
import { periodOf, type Period } from '../../domain/period';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';
import { partnerScore, scoresFor, type PartnerScore } from '../scores/scores';
import { partnersInView, projectOfCard } from './card-answers';

export type CardScores =
  | { kind: 'own'; results: PartnerScore[] }
  | { kind: 'table'; period: Period; rows: Array<{ partner: PartnerRow; score: ScoreResult }> };

/**
 * *Our score*: a partner member gets their own partner's score, as `/score` gives it; the vendor
 * gets the table of this project's partners. Same permissions as `/score`.
 */
export async function projectCardScores({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { projectId: number };
}): Promise<CardScores> {
  const { partners } = await projectOfCard({ ctx, input: { projectId: input.projectId, action: 'seeProject' } });
  const view = partnersInView(ctx, partners);
  if (view.own) {
    const results: PartnerScore[] = [];
    for (const p of view.partners) {
      const r = await partnerScore({ ctx, input: { partner: p.slug, period: undefined } });
      if (r.kind === 'one') results.push(r.result);
    }
    return { kind: 'own', results };
  }
  requirePermission(ctx.actor, 'seePartner', {});
  const tz = ctx.settings.defaultTimeZone;
  const now = ctx.clock.now();
  const period = periodOf(now, 'month', tz);
  const active = view.partners.filter((p) => p.status === 'active');
  const [scores] = await scoresFor(
    ctx.db,
    active.map((p) => p.id),
    [period],
    tz,
    now,
  );
  const rows = active.flatMap((partner) => {
    const score = scores?.get(partner.id)?.score;
    return score ? [{ partner, score }] : [];
  });
  return { kind: 'table', period, rows };
}
