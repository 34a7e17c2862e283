// The affiliate feed's batch statements, written out per engine because the query builder's generic forms
// were most of an import's time: a batch of affiliates is read and written with a handful of statements.
// - SQLite: the batch as one JSON parameter, taken apart by json_each.
// - PostgreSQL: one array parameter per column, spread back into rows by unnest().
// Either way a whole batch is one statement with a handful of parameters, instead of Knex's multi-row
// insert (tens of thousands of placeholders to compile, bind and parse; on SQLite a SELECT … UNION ALL).
import type { Knex } from 'knex';
import type { Affiliate } from '../../domain/model';
import type { DocumentKey } from '../../services/affiliateFeed/ports';
import { isPostgres, toJson } from '../dialect';
import { affiliateFromRow } from './knexAffiliateRepository';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

/** Written on insert, in this order. */
const COLUMNS = [
  'id',
  'document_type',
  'document_number',
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
  'created_at',
  'updated_at',
] as const;

// Replaced on update; the id, the document and created_at stay.
const KEPT_ON_UPDATE = new Set(['id', 'document_type', 'document_number', 'created_at']);
const UPSERT_TAIL =
  'on conflict (document_type, document_number) do update set ' +
  COLUMNS.filter((c) => !KEPT_ON_UPDATE.has(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
const SELECTED = COLUMNS.filter((c) => c !== 'created_at').join(', ');

/** The values of one affiliate in COLUMNS order (the row is new: created now). */
function values(a: Affiliate, now: string): Array<string | null> {
  return [
    a.id,
    a.documentType,
    a.documentNumber,
    a.firstNames,
    a.lastNames,
    a.birthDate,
    a.sex,
    a.regime,
    a.affiliateType,
    a.status,
    a.mobile ?? null,
    a.email ?? null,
    a.address ?? null,
    a.municipalityCode,
    a.documentIssueDate ?? null,
    a.affiliationDate,
    a.ipsCode ?? null,
    a.familyNucleusId,
    a.headAffiliateId,
    a.relationship,
    now,
    a.updatedAt.toISOString(),
  ];
}

function rowsOf(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

export interface AffiliateFeedStatements {
  findByDocuments(db: Db, keys: DocumentKey[]): Promise<Affiliate[]>;
  upsert(db: Db, affiliates: Affiliate[], now: Date): Promise<void>;
}

// The batch goes in as one JSON text and comes apart inside SQLite (json_each, ->>): no statement with
// thousands of placeholders to parse and no parameters to bind one by one on the event loop, which is where
// the import spends its time otherwise. `where true` keeps `on conflict` from parsing as a join constraint.
const SQLITE_UPSERT = `insert into affiliates (${COLUMNS.join(', ')}) select ${COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?) where true ${UPSERT_TAIL}`;
const SQLITE_FIND = `select ${SELECTED} from affiliates where (document_type, document_number) in (select value ->> 0, value ->> 1 from json_each(?))`;

const sqliteStatements: AffiliateFeedStatements = {
  async findByDocuments(db, keys) {
    if (keys.length === 0) return [];
    const pairs = JSON.stringify(keys.map((k) => [k.type, k.number]));
    return rowsOf(await db.raw(SQLITE_FIND, [pairs])).map(affiliateFromRow);
  },
  async upsert(db, affiliates, now) {
    if (affiliates.length === 0) return;
    const created = now.toISOString();
    // toJson: a lone surrogate (JSON.parse lets "\ud800" through) must become U+FFFD as a bound string
    // would, not bytes SQLite's JSON decoder writes as they are.
    await db.raw(SQLITE_UPSERT, [toJson(affiliates.map((a) => values(a, created)))]);
  },
};

const PG_ARRAY_TYPES = COLUMNS.map((c) => (c.endsWith('_at') ? '?::timestamptz[]' : '?::text[]')).join(', ');

const postgresStatements: AffiliateFeedStatements = {
  async findByDocuments(db, keys) {
    if (keys.length === 0) return [];
    const types = keys.map((k) => k.type);
    const numbers = keys.map((k) => k.number);
    const sql = `select ${SELECTED} from affiliates where (document_type, document_number) in (select * from unnest(?::text[], ?::text[]))`;
    return rowsOf(await db.raw(sql, [types, numbers])).map(affiliateFromRow);
  },
  async upsert(db, affiliates, now) {
    if (affiliates.length === 0) return;
    const columns = COLUMNS.map(() => [] as Array<string | null>);
    const created = now.toISOString();
    for (const a of affiliates) {
      const row = values(a, created);
      for (let c = 0; c < row.length; c++) columns[c]!.push(row[c]);
    }
    await db.raw(`insert into affiliates (${COLUMNS.join(', ')}) select * from unnest(${PG_ARRAY_TYPES}) ${UPSERT_TAIL}`, columns as Knex.RawBinding[]);
  },
};

export function affiliateFeedStatements(db: Db): AffiliateFeedStatements {
  return isPostgres(db) ? postgresStatements : sqliteStatements;
}
