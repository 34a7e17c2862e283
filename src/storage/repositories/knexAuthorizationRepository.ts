// Issued authorizations, filterable the way the virtual office does: by CUPS code or by service name.
import type { Knex } from 'knex';
import type { Authorization, AuthorizationStatus } from '../../domain/model';
import type { AuthorizationRepository } from '../../services/ports/repositories';
import { containsPattern, optionalText, toInstant, whereLike } from '../dialect';
import { searchText } from '../searchText';

type Row = Record<string, unknown>;

function optionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

export function authorizationToRow(a: Authorization, now: Date): Row {
  return {
    id: a.id,
    number: a.number,
    affiliate_id: a.affiliateId,
    service_code: a.serviceCode,
    service_name: a.serviceName,
    service_search: searchText(a.serviceName),
    provider_ips_code: a.providerIpsCode,
    status: a.status,
    issued_at: a.issuedAt,
    expires_at: a.expiresAt,
    request_id: a.requestId ?? null,
    quantity: a.quantity ?? null,
    valid_from: a.validFrom ?? null,
    copay_pesos: a.copayPesos ?? null,
    verification_code: a.verificationCode ?? null,
    created_at: toInstant(now),
    updated_at: toInstant(now),
  };
}

function fromRow(row: Row): Authorization {
  return {
    id: String(row.id),
    number: String(row.number),
    affiliateId: String(row.affiliate_id),
    serviceCode: String(row.service_code),
    serviceName: String(row.service_name),
    providerIpsCode: String(row.provider_ips_code),
    status: row.status as AuthorizationStatus,
    issuedAt: String(row.issued_at),
    expiresAt: String(row.expires_at),
    requestId: optionalText(row.request_id),
    quantity: optionalNumber(row.quantity),
    validFrom: optionalText(row.valid_from),
    copayPesos: optionalNumber(row.copay_pesos),
    verificationCode: optionalText(row.verification_code),
  };
}

/** Applies a user's service filter: digits match the CUPS code from its start, words match the name. */
export function applyServiceFilter(
  query: Knex.QueryBuilder,
  service: string | undefined,
  columns: { code: string; search: string },
): Knex.QueryBuilder {
  const text = searchText(service ?? '');
  if (text === '') return query;
  if (/^\d+$/.test(text)) return whereLike(query, columns.code, `${text}%`);
  for (const word of text.split(' ')) whereLike(query, columns.search, containsPattern(word));
  return query;
}

export class KnexAuthorizationRepository implements AuthorizationRepository {
  constructor(private readonly db: Knex) {}

  async listByAffiliate(affiliateId: string, filter: { service?: string } = {}): Promise<Authorization[]> {
    const query = this.db('authorizations')
      .where({ affiliate_id: affiliateId })
      .orderBy([
        { column: 'issued_at', order: 'desc' },
        { column: 'number', order: 'desc' },
      ]);
    const rows = (await applyServiceFilter(query, filter.service, {
      code: 'service_code',
      search: 'service_search',
    })) as Row[];
    return rows.map(fromRow);
  }

  async findById(id: string): Promise<Authorization | undefined> {
    const row = (await this.db('authorizations').where({ id }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async findByVerificationCode(code: string): Promise<Authorization | undefined> {
    const row = (await this.db('authorizations').where({ verification_code: code }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async findByRequest(requestId: string): Promise<Authorization | undefined> {
    const row = (await this.db('authorizations').where({ request_id: requestId }).orderBy('issued_at', 'desc').first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async findByNumber(number: string): Promise<Authorization | undefined> {
    const row = (await this.db('authorizations').where({ number: number.trim() }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }
}
