// Batch reads and writes for the affiliate feed: documents looked up a few hundred at a time, new and changed
// affiliates written with one multi-row upsert per chunk (insert, or replace the row with the same document).
import type { Knex } from 'knex';
import type { Affiliate } from '../../domain/model';
import type { ReferenceCodes } from '../../services/affiliateFeed/affiliateRecord';
import type {
  AffiliateFeedStore,
  AffiliateFeedWriter,
  DocumentKey,
  SessionStanding,
  SessionStandingReader,
} from '../../services/affiliateFeed/ports';
import { fromOptionalInstant, toInstant } from '../dialect';
import { affiliateFromRow, affiliateToRow } from './knexAffiliateRepository';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

// 400 rows × 22 columns stays under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const WRITE_CHUNK = 400;
const READ_CHUNK = 500;
// Replaced on update; the id, the document and created_at stay.
const MERGED_COLUMNS = [
  'first_names',
  'last_names',
  'birth_date',
  'sex',
  'regime',
  'affiliate_type',
  'status',
  'mobile',
  'email',
  'address',
  'municipality_code',
  'document_issue_date',
  'affiliation_date',
  'ips_code',
  'family_nucleus_id',
  'head_affiliate_id',
  'relationship',
  'updated_at',
];

class KnexAffiliateFeedWriter implements AffiliateFeedWriter {
  constructor(private readonly db: Db) {}

  async findByDocuments(keys: DocumentKey[]): Promise<Affiliate[]> {
    const found: Affiliate[] = [];
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const pairs = keys.slice(i, i + READ_CHUNK).map((k) => [k.type, k.number]);
      const rows = (await this.db('affiliates').whereIn(['document_type', 'document_number'], pairs)) as Row[];
      found.push(...rows.map(affiliateFromRow));
    }
    return found;
  }

  async upsert(affiliates: Affiliate[], now: Date): Promise<void> {
    for (let i = 0; i < affiliates.length; i += WRITE_CHUNK) {
      const rows = affiliates.slice(i, i + WRITE_CHUNK).map((a) => affiliateToRow(a, now));
      await this.db('affiliates').insert(rows).onConflict(['document_type', 'document_number']).merge(MERGED_COLUMNS);
    }
  }

  async endSessions(affiliateIds: string[], now: Date): Promise<void> {
    for (let i = 0; i < affiliateIds.length; i += READ_CHUNK) {
      await this.db('affiliates')
        .whereIn('id', affiliateIds.slice(i, i + READ_CHUNK))
        .update({ sessions_ended_at: toInstant(now) });
    }
  }
}

export class KnexAffiliateFeedStore implements AffiliateFeedStore, SessionStandingReader {
  constructor(private readonly knex: Knex) {}

  async referenceCodes(): Promise<ReferenceCodes> {
    const municipalities = (await this.knex('municipalities').select('code')) as Row[];
    const ips = (await this.knex('ips').select('code')) as Row[];
    return { municipalities: new Set(municipalities.map((r) => String(r.code))), ips: new Set(ips.map((r) => String(r.code))) };
  }

  inTransaction<T>(work: (writer: AffiliateFeedWriter) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => work(new KnexAffiliateFeedWriter(trx)));
  }

  async standing(affiliateId: string): Promise<SessionStanding | undefined> {
    const row = (await this.knex('affiliates').select('status', 'sessions_ended_at').where({ id: affiliateId }).first()) as Row | undefined;
    if (!row) return undefined;
    return { status: row.status as SessionStanding['status'], sessionsEndedAt: fromOptionalInstant(row.sessions_ended_at) };
  }
}
