// Consent records are append-only proof: never updated, never deleted.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Consent, ConsentKind, NewConsent } from '../../domain/model';
import type { ConsentRepository } from '../../services/ports/repositories';
import { fromInstant, toInstant } from '../dialect';

type Row = Record<string, unknown>;

export function consentToRow(c: Consent): Row {
  return {
    id: c.id,
    affiliate_id: c.affiliateId,
    kind: c.kind,
    version: c.version,
    accepted_at: toInstant(c.acceptedAt),
    channel: c.channel,
    created_at: toInstant(c.acceptedAt),
    updated_at: toInstant(c.acceptedAt),
  };
}

function fromRow(row: Row): Consent {
  return {
    id: String(row.id),
    affiliateId: String(row.affiliate_id),
    kind: row.kind as ConsentKind,
    version: String(row.version),
    acceptedAt: fromInstant(row.accepted_at),
    channel: String(row.channel),
  };
}

export class KnexConsentRepository implements ConsentRepository {
  constructor(private readonly db: Knex) {}

  async record(consent: NewConsent): Promise<Consent> {
    const created: Consent = { id: randomUUID(), ...consent };
    await this.db('consents').insert(consentToRow(created));
    return created;
  }

  async latest(affiliateId: string, kind: ConsentKind): Promise<Consent | undefined> {
    const row = (await this.db('consents')
      .where({ affiliate_id: affiliateId, kind })
      .orderBy([{ column: 'accepted_at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async listByAffiliate(affiliateId: string): Promise<Consent[]> {
    const rows = (await this.db('consents').where({ affiliate_id: affiliateId }).orderBy('accepted_at')) as Row[];
    return rows.map(fromRow);
  }
}
