// Authorization requests ("solicitudes") and their PDF supports. Filing takes the next number of the year
// and stores the request with its attachments in one transaction.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { NotFoundError } from '../../domain/errors';
import {
  formatFilingNumber,
  type AuthorizationRequest,
  type AuthorizationRequestStatus,
  type NewAuthorizationRequest,
  type NewRequestAttachment,
  type RequestAttachment,
} from '../../domain/model';
import type { AuthorizationRequestRepository } from '../../services/ports/repositories';
import { fromInstant, isUniqueViolation, optionalText, toInstant } from '../dialect';
import { storedFileColumns, storedFileFromRow } from './storedSupportFileRows';
import { filingYear, nextSequenceValue } from '../sequences';

type Row = Record<string, unknown>;

export function authorizationRequestToRow(r: AuthorizationRequest): Row {
  return {
    id: r.id,
    filing_number: r.filingNumber,
    affiliate_id: r.affiliateId,
    filed_by_account_id: r.filedByAccountId,
    department_code: r.departmentCode,
    municipality_code: r.municipalityCode,
    observation: r.observation,
    status: r.status,
    justification: r.justification ?? null,
    rejection_reason: r.rejectionReason ?? null,
    service_code: r.serviceCode ?? null,
    service_name: r.serviceName ?? null,
    due_date: r.dueDate,
    idempotency_key: r.idempotencyKey ?? null,
    created_at: toInstant(r.createdAt),
    updated_at: toInstant(r.updatedAt),
  };
}

export function authorizationRequestFromRow(row: Row): AuthorizationRequest {
  return {
    id: String(row.id),
    filingNumber: String(row.filing_number),
    affiliateId: String(row.affiliate_id),
    filedByAccountId: String(row.filed_by_account_id),
    departmentCode: String(row.department_code),
    municipalityCode: String(row.municipality_code),
    observation: String(row.observation),
    status: row.status as AuthorizationRequestStatus,
    justification: optionalText(row.justification),
    rejectionReason: optionalText(row.rejection_reason),
    serviceCode: optionalText(row.service_code),
    serviceName: optionalText(row.service_name),
    dueDate: String(row.due_date),
    idempotencyKey: optionalText(row.idempotency_key),
    createdAt: fromInstant(row.created_at),
    updatedAt: fromInstant(row.updated_at),
  };
}

export function attachmentToRow(a: RequestAttachment, position: number): Row {
  return {
    id: a.id,
    position,
    request_id: a.requestId,
    ...storedFileColumns(a),
  };
}

function attachmentFromRow(row: Row): RequestAttachment {
  return {
    id: String(row.id),
    requestId: String(row.request_id),
    ...storedFileFromRow(row),
  };
}

export class KnexAuthorizationRequestRepository implements AuthorizationRequestRepository {
  constructor(private readonly db: Knex) {}

  async create(request: NewAuthorizationRequest, attachments: NewRequestAttachment[]): Promise<AuthorizationRequest> {
    if (request.idempotencyKey) {
      const existing = await this.findByIdempotencyKey(request.idempotencyKey);
      if (existing) return existing;
    }
    try {
      return await this.db.transaction(async (trx) => {
        const year = filingYear(request.createdAt);
        const sequence = await nextSequenceValue(trx, `AUT-${year}`, request.createdAt);
        const filed: AuthorizationRequest = {
          ...request,
          id: randomUUID(),
          filingNumber: formatFilingNumber(year, sequence),
          status: 'radicada',
          updatedAt: request.createdAt,
        };
        await trx('authorization_requests').insert(authorizationRequestToRow(filed));
        if (attachments.length > 0) {
          await trx('request_attachments').insert(
            attachments.map((a, position) =>
              attachmentToRow({ ...a, id: randomUUID(), requestId: filed.id, createdAt: request.createdAt }, position),
            ),
          );
        }
        return filed;
      });
    } catch (error) {
      // Two retries of the same turn raced past the lookup: the loser returns the winner's request.
      if (request.idempotencyKey && isUniqueViolation(error)) {
        const existing = await this.findByIdempotencyKey(request.idempotencyKey);
        if (existing) return existing;
      }
      throw error;
    }
  }

  findById(id: string): Promise<AuthorizationRequest | undefined> {
    return this.findOne({ id });
  }

  findByFilingNumber(filingNumber: string): Promise<AuthorizationRequest | undefined> {
    return this.findOne({ filing_number: filingNumber.trim().toUpperCase() });
  }

  findByIdempotencyKey(key: string): Promise<AuthorizationRequest | undefined> {
    return this.findOne({ idempotency_key: key });
  }

  async listByAffiliate(affiliateId: string): Promise<AuthorizationRequest[]> {
    const rows = (await this.db('authorization_requests')
      .where({ affiliate_id: affiliateId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'filing_number', order: 'desc' },
      ])) as Row[];
    return rows.map(authorizationRequestFromRow);
  }

  async listAttachments(requestId: string): Promise<RequestAttachment[]> {
    const rows = (await this.db('request_attachments')
      .where({ request_id: requestId })
      .orderBy([{ column: 'position' }, { column: 'id' }])) as Row[];
    return rows.map(attachmentFromRow);
  }

  async updateStatus(
    id: string,
    change: { status: AuthorizationRequestStatus; justification?: string; rejectionReason?: string },
    now: Date,
  ): Promise<void> {
    const update: Row = { status: change.status, updated_at: toInstant(now) };
    if (change.justification !== undefined) update.justification = change.justification;
    if (change.rejectionReason !== undefined) update.rejection_reason = change.rejectionReason;
    const count = await this.db('authorization_requests').where({ id }).update(update);
    if (count === 0) throw new NotFoundError('authorization request');
  }

  private async findOne(where: Row): Promise<AuthorizationRequest | undefined> {
    const row = (await this.db('authorization_requests').where(where).first()) as Row | undefined;
    return row ? authorizationRequestFromRow(row) : undefined;
  }
}
