import { partnerCertifications } from '../../db/schema';
import { validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';

import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from './find-partner';

/** A reminder that a certification expires soon (src/jobs/certification-reminder.ts). */
export const CERT_REMINDER_JOB = 'partner.certification-reminder';
/** Days before expiry at which the partner's leads and the admin who recorded it are reminded. */
export const CERT_REMINDER_DAYS = [30, 7] as const;
const DAY_MS = 86_400_000;
// Reminders go out at 09:00 UTC so they land in working hours for most of Europe and Africa.
const REMINDER_HOUR_UTC = 9;

export function parseIsoDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text ? d : undefined;
}

export async function recordCertification({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; name: string; expires: string | undefined };
}): Promise<{ reminders: Date[] }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw validation(partnerRefusals.certNameLength());
  const now = ctx.clock.now();
  let expiry: Date | undefined;
  if (input.expires !== undefined) {
    expiry = parseIsoDate(input.expires);
    if (!expiry) throw validation(partnerRefusals.certExpiryNotADate(input.expires));
    if (expiry.getTime() + DAY_MS <= now.getTime()) throw validation(partnerRefusals.certExpired(input.expires));
  }
  const partner = await findActivePartner(ctx.db, input.slug);
  return ctx.db.transaction(async (tx) => {
    const [cert] = await tx
      .insert(partnerCertifications)
      .values({
        partnerId: partner.id,
        name,
        expiresOn: input.expires ?? null,
        recordedBy: ctx.actor.userId,
        recordedAt: now,
      })
      .returning();
    if (!cert) throw new Error('certification insert returned no row');
    const reminders: Date[] = [];
    if (expiry) {
      for (const days of CERT_REMINDER_DAYS) {
        const dueAt = new Date(expiry.getTime() - days * DAY_MS + REMINDER_HOUR_UTC * 3_600_000);
        // A reminder whose day has already passed would only arrive late and confuse.
        if (dueAt.getTime() <= now.getTime()) continue;
        await ctx.timers.schedule(tx, now, {
          kind: CERT_REMINDER_JOB,
          key: `cert:${cert.id}:${days}d`,
          dueAt,
          payload: { certificationId: cert.id, days },
        });
        reminders.push(dueAt);
      }
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner.certification_recorded',
      entityType: 'partner',
      entityId: partner.id,
      data: { certificationId: cert.id, name, expiresOn: input.expires ?? null },
    });
    return { reminders };
  });
}
