// Who decided, answered or opened what in the back office or through the integration API, and when.
import type { Knex } from 'knex';
import type { BackOfficeAction, BackOfficeAuditEntry, BackOfficeAuditRepository } from '../../services/ports/backOffice';
import { fromInstant, optionalText, toInstant } from '../dialect';

type Row = Record<string, unknown>;

export function auditToRow(entry: BackOfficeAuditEntry): Row {
  return {
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id,
    action: entry.action,
    subject: entry.subject,
    from_status: entry.fromStatus ?? null,
    to_status: entry.toStatus ?? null,
    detail: entry.detail?.slice(0, 200) ?? null,
    at: toInstant(entry.at),
  };
}

export class KnexBackOfficeAuditRepository implements BackOfficeAuditRepository {
  constructor(private readonly db: Knex) {}

  async record(entry: BackOfficeAuditEntry): Promise<void> {
    await this.db('backoffice_audit_log').insert(auditToRow(entry));
  }

  async listBySubject(subject: string): Promise<BackOfficeAuditEntry[]> {
    const rows = (await this.db('backoffice_audit_log').where({ subject }).orderBy('id', 'desc').limit(200)) as Row[];
    return rows.map((row) => ({
      actor: { kind: row.actor_kind as BackOfficeAuditEntry['actor']['kind'], id: String(row.actor_id) },
      action: row.action as BackOfficeAction,
      subject: String(row.subject),
      fromStatus: optionalText(row.from_status),
      toStatus: optionalText(row.to_status),
      detail: optionalText(row.detail),
      at: fromInstant(row.at),
    }));
  }
}
