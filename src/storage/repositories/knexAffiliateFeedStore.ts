// Batch reads and writes for the affiliate feed: a batch's documents looked up and its new and changed
// affiliates upserted (insert, or replace the row with the same document) with the statements of
// affiliateFeedStatements.ts; the service compares before it writes, so unchanged rows are never sent.
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
import { type AffiliateFeedStatements, affiliateFeedStatements } from './affiliateFeedStatements';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

const IDS_PER_UPDATE = 500;

class KnexAffiliateFeedWriter implements AffiliateFeedWriter {
  private readonly statements: AffiliateFeedStatements;

  constructor(private readonly db: Db) {
    this.statements = affiliateFeedStatements(db);
  }

  findByDocuments(keys: DocumentKey[]): Promise<Affiliate[]> {
    return this.statements.findByDocuments(this.db, keys);
  }

  upsert(affiliates: Affiliate[], now: Date): Promise<void> {
    return this.statements.upsert(this.db, affiliates, now);
  }

  async endSessions(affiliateIds: string[], now: Date): Promise<void> {
    for (let i = 0; i < affiliateIds.length; i += IDS_PER_UPDATE) {
      await this.db('affiliates')
        .whereIn('id', affiliateIds.slice(i, i + IDS_PER_UPDATE))
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
