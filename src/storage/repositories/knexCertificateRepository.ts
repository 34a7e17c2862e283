// Issued certificates: append-only, looked up by their verification code.
import type { Knex } from 'knex';
import type { CertificateKind, CertificateRecord, CertificateRepository } from '../../services/ports/selfService';
import { fromInstant, toInstant } from '../dialect';

type Row = Record<string, unknown>;

function fromRow(row: Row): CertificateRecord {
  return {
    code: String(row.code),
    kind: row.kind as CertificateKind,
    affiliateId: String(row.affiliate_id),
    requestedByAffiliateId: String(row.requested_by_affiliate_id),
    issuedAt: fromInstant(row.issued_at),
    sha256: String(row.sha256),
  };
}

export class KnexCertificateRepository implements CertificateRepository {
  constructor(private readonly db: Knex) {}

  async record(c: CertificateRecord): Promise<void> {
    const at = toInstant(c.issuedAt);
    await this.db('certificates').insert({
      code: c.code,
      kind: c.kind,
      affiliate_id: c.affiliateId,
      requested_by_affiliate_id: c.requestedByAffiliateId,
      issued_at: at,
      sha256: c.sha256,
      created_at: at,
      updated_at: at,
    });
  }

  async findByCode(code: string): Promise<CertificateRecord | undefined> {
    const row = (await this.db('certificates').where({ code }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }
}
