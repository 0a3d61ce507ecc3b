import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partnerCertifications, partnerMembers, partners } from '../../db/schema';
import { certificationExpiryNotice } from '../../messages/partner/notices';
import { sendPersonNotice } from '../notices/person-notice';
import type { SlackGateway } from '../ports';

/** A reminder falling due (its timer is set by recordCertification): DMs the partner's leads and whoever recorded it. */
export async function sendCertificationReminder(
  tx: DbOrTx,
  gateway: SlackGateway,
  o: { certificationId: number; days: number },
): Promise<void> {
  const { certificationId, days } = o;
  const [row] = await tx
    .select({ cert: partnerCertifications, partner: partners })
    .from(partnerCertifications)
    .innerJoin(partners, eq(partners.id, partnerCertifications.partnerId))
    .where(eq(partnerCertifications.id, certificationId));
  // Nothing to remind about once the partner has left the network.
  if (!row || row.partner.status !== 'active') return;
  const leads = await tx
    .select({ userId: partnerMembers.userId })
    .from(partnerMembers)
    .where(and(eq(partnerMembers.partnerId, row.partner.id), eq(partnerMembers.lead, true)));
  const recipients = new Set([...leads.map((l) => l.userId), row.cert.recordedBy]);
  const message = certificationExpiryNotice(row.partner, row.cert, days);
  // A lead in the partner's own organisation may not be reachable by DM: the reminder then goes
  // to one of the partner's project channels, and the admin who recorded it hears if it cannot.
  for (const userId of recipients) {
    await sendPersonNotice(tx, gateway, {
      userId,
      message,
      privacy: 'partner',
      partnerId: row.partner.id,
      reportTo: row.cert.recordedBy,
    });
  }
}
