// Who opened which conversation or file, and who took, transferred, answered or closed it, and when.
import type { Knex } from 'knex';
import type { AuditAction, AuditEntry } from '../../domain/handoffAgent';
import type { AuditRepository } from '../../services/ports/handoff';
import { fromInstant, optionalText, toInstant } from '../dialect';

type Row = Record<string, unknown>;

export class KnexAgentAuditRepository implements AuditRepository {
  constructor(private readonly knex: Knex) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.knex('agent_audit_log').insert({
      agent_id: entry.agentId ?? null,
      action: entry.action,
      handoff_id: entry.handoffId ?? null,
      detail: entry.detail ?? null,
      at: toInstant(entry.at),
    });
  }

  async list(filter: { handoffId?: string; agentId?: string } = {}): Promise<AuditEntry[]> {
    const query = this.knex('agent_audit_log').orderBy('id', 'desc').limit(500);
    if (filter.handoffId) query.where({ handoff_id: filter.handoffId });
    if (filter.agentId) query.where({ agent_id: filter.agentId });
    const rows = (await query) as Row[];
    return rows.map((row) => ({
      id: Number(row.id),
      agentId: optionalText(row.agent_id),
      action: row.action as AuditAction,
      handoffId: optionalText(row.handoff_id),
      detail: optionalText(row.detail),
      at: fromInstant(row.at),
    }));
  }
}
