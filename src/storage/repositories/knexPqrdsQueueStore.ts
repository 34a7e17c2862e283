// PQRDS for the back office and the integration API: the queue by legal due date, and answers committed
// with their audit line and notices in one transaction.
import type { Knex } from 'knex';
import type { Pqrds } from '../../domain/model';
import type { PqrdsAnswerCommit, PqrdsCursor, PqrdsQueueStore } from '../../services/ports/backOffice';
import { toInstant } from '../dialect';
import { auditToRow } from './knexBackOfficeAuditRepository';
import { enqueueOutboxMessage } from './knexOutboxRepository';
import { pqrdsFromRow } from './knexPqrdsRepository';

type Row = Record<string, unknown>;

export class KnexPqrdsQueueStore implements PqrdsQueueStore {
  constructor(private readonly db: Knex) {}

  async findByCode(code: string): Promise<Pqrds | undefined> {
    const row = (await this.db('pqrds').where({ code: code.trim().toUpperCase() }).first()) as Row | undefined;
    return row ? pqrdsFromRow(row) : undefined;
  }

  async queue(filter: { statuses: readonly Pqrds['status'][]; after?: PqrdsCursor; limit: number }): Promise<Pqrds[]> {
    const query = this.db('pqrds')
      .whereIn('status', [...filter.statuses])
      .orderBy([{ column: 'due_at' }, { column: 'id' }])
      .limit(filter.limit);
    const after = filter.after;
    if (after) {
      const dueAt = toInstant(new Date(after.dueAt));
      query.where((q) => q.where('due_at', '>', dueAt).orWhere((q2) => q2.where('due_at', dueAt).andWhere('id', '>', after.id)));
    }
    return ((await query) as Row[]).map(pqrdsFromRow);
  }

  commitAnswer(change: PqrdsAnswerCommit, now: Date): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const update: Row = { status: change.nextStatus, updated_at: toInstant(now) };
      if (change.answer !== undefined) {
        update.answer = change.answer;
        update.answered_at = toInstant(now);
      }
      const count = await trx('pqrds').where({ id: change.pqrdsId, status: change.expectedStatus }).update(update);
      if (count === 0) return false;
      await trx('backoffice_audit_log').insert(auditToRow(change.audit));
      for (const notice of change.notices) await enqueueOutboxMessage(trx, notice);
      return true;
    });
  }
}
