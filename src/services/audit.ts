import type { DbOrTx } from '../db/client';
import { auditEvents } from '../db/schema';

export interface AuditEntry {
  /** `entity.verb`, e.g. `admin.added`. */
  action: string;
  entityType: string;
  entityId: string | number;
  data?: Record<string, unknown>;
}

/** Written inside the transaction of the change it describes, so the log never disagrees with the data. */
export async function recordAudit(tx: DbOrTx, at: Date, actor: string, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    at,
    actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    data: entry.data ?? {},
  });
}
