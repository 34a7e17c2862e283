// Decisions on authorization requests and the back-office queue. A commit is one transaction with a
// conditional status update: of two decisions racing on the same request exactly one is written.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { DecisionActor, DecisionKind } from '../../domain/backOffice/requestDecision';
import { fullName, type AuthorizationRequestStatus, type DocumentTypeCode, type NewRequestAttachment } from '../../domain/model';
import type { BackOfficeAuditEntry, DecisionCommit, DecisionStore, QueuedRequest, QueueFilter, StoredDecision } from '../../services/ports/backOffice';
import { fromInstant, optionalText, toInstant } from '../dialect';
import { filingYear, nextSequenceValue } from '../sequences';
import { auditToRow } from './knexBackOfficeAuditRepository';
import { authorizationRequestFromRow, attachmentToRow } from './knexAuthorizationRequestRepository';
import { authorizationToRow } from './knexAuthorizationRepository';
import { enqueueOutboxMessage } from './knexOutboxRepository';

type Row = Record<string, unknown>;

function decisionFromRow(row: Row): StoredDecision {
  return {
    id: String(row.id),
    requestId: String(row.request_id),
    kind: row.kind as DecisionKind,
    actor: { kind: row.actor_kind as DecisionActor['kind'], id: String(row.actor_id), name: String(row.actor_name) },
    reasonCode: optionalText(row.reason_code),
    detail: optionalText(row.detail),
    message: optionalText(row.message),
    authorizationId: optionalText(row.authorization_id),
    decidedAt: fromInstant(row.decided_at),
  };
}

export class KnexDecisionStore implements DecisionStore {
  constructor(private readonly db: Knex) {}

  commit(change: DecisionCommit, now: Date): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const update: Row = { status: change.nextStatus, updated_at: toInstant(now) };
      const c = change.requestChanges;
      if (c.justification !== undefined) update.justification = c.justification;
      if (c.rejectionReason !== undefined) update.rejection_reason = c.rejectionReason;
      if (c.serviceCode !== undefined) update.service_code = c.serviceCode;
      if (c.serviceName !== undefined) update.service_name = c.serviceName;
      const count = await trx('authorization_requests').where({ id: change.requestId, status: change.expectedStatus }).update(update);
      if (count === 0) return false;
      if (change.authorization) await trx('authorizations').insert(authorizationToRow(change.authorization, now));
      const d = change.decision;
      await trx('authorization_decisions').insert({
        id: d.id,
        request_id: d.requestId,
        kind: d.kind,
        actor_kind: d.actor.kind,
        actor_id: d.actor.id,
        actor_name: d.actor.name.slice(0, 120),
        reason_code: d.reasonCode ?? null,
        detail: d.detail ?? null,
        message: d.message ?? null,
        authorization_id: d.authorizationId ?? null,
        decided_at: toInstant(d.decidedAt),
        created_at: toInstant(now),
        updated_at: toInstant(now),
      });
      await trx('backoffice_audit_log').insert(auditToRow(change.audit));
      for (const notice of change.notices) await enqueueOutboxMessage(trx, notice);
      return true;
    });
  }

  async listDecisions(requestId: string): Promise<StoredDecision[]> {
    const rows = (await this.db('authorization_decisions').where({ request_id: requestId }).orderBy('decided_at', 'desc')) as Row[];
    return rows.map(decisionFromRow);
  }

  async nextAuthorizationNumber(now: Date): Promise<string> {
    const year = filingYear(now);
    const sequence = await this.db.transaction((trx) => nextSequenceValue(trx, `AUTZ-${year}`, now));
    // The "1" after the year keeps issued numbers apart from older ones of the same year (2026004511…).
    return `${year}1${String(sequence).padStart(5, '0')}`;
  }

  async queue(filter: QueueFilter): Promise<QueuedRequest[]> {
    const query = this.db('authorization_requests as r')
      .join('affiliates as a', 'a.id', 'r.affiliate_id')
      .select('r.*', 'a.document_type as a_document_type', 'a.document_number as a_document_number', 'a.first_names as a_first_names', 'a.last_names as a_last_names')
      .whereIn('r.status', [...filter.statuses])
      .orderBy([{ column: 'r.due_date' }, { column: 'r.created_at' }, { column: 'r.id' }])
      .limit(filter.limit);
    if (filter.municipalityCode) query.where('r.municipality_code', filter.municipalityCode);
    if (filter.filedBefore) query.where('r.created_at', '<', toInstant(filter.filedBefore));
    const after = filter.after;
    if (after) {
      // Keyset pagination over (due_date, created_at, id): stable while requests are filed meanwhile.
      const createdAt = toInstant(new Date(after.createdAt));
      query.where((q) =>
        q
          .where('r.due_date', '>', after.dueDate)
          .orWhere((q2) => q2.where('r.due_date', after.dueDate).andWhere('r.created_at', '>', createdAt))
          .orWhere((q3) => q3.where('r.due_date', after.dueDate).andWhere('r.created_at', createdAt).andWhere('r.id', '>', after.id)),
      );
    }
    const rows = (await query) as Row[];
    return rows.map((row) => ({
      request: authorizationRequestFromRow(row),
      affiliate: {
        id: String(row.affiliate_id),
        documentType: row.a_document_type as DocumentTypeCode,
        documentNumber: String(row.a_document_number),
        fullName: fullName({ firstNames: String(row.a_first_names), lastNames: String(row.a_last_names) }),
      },
    }));
  }

  addSupports(requestId: string, attachments: NewRequestAttachment[], audit: BackOfficeAuditEntry, now: Date): Promise<boolean> {
    const from: AuthorizationRequestStatus = 'pendiente_soportes';
    return this.db.transaction(async (trx) => {
      const count = await trx('authorization_requests').where({ id: requestId, status: from }).update({ status: 'radicada', updated_at: toInstant(now) });
      if (count === 0) return false;
      const last = (await trx('request_attachments').where({ request_id: requestId }).max('position as max').first()) as { max?: unknown } | undefined;
      const start = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
      if (attachments.length > 0) {
        await trx('request_attachments').insert(
          attachments.map((a, i) => attachmentToRow({ ...a, id: randomUUID(), requestId, createdAt: now }, start + i)),
        );
      }
      await trx('backoffice_audit_log').insert(auditToRow(audit));
      return true;
    });
  }
}
