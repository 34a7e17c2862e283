// The affiliate feed's batch statements, written out per engine because the query builder's generic forms
// were most of an import's time: a batch of affiliates is read and written with a handful of statements.
// The batch goes in as one JSON parameter (an array per row) that the engine takes apart (SQLite json_each,
// PostgreSQL jsonb_array_elements): one statement with one parameter, instead of Knex's multi-row insert with
// 22 placeholders per row to compile, bind one by one on the event loop and parse (on SQLite a SELECT … UNION
// ALL), which was most of an import's time.
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

function jsonStatements(sql: { find: string; upsert: string }): AffiliateFeedStatements {
  return {
    async findByDocuments(db, keys) {
      if (keys.length === 0) return [];
      return rowsOf(await db.raw(sql.find, [JSON.stringify(keys.map((k) => [k.type, k.number]))])).map(affiliateFromRow);
    },
    async upsert(db, affiliates, now) {
      if (affiliates.length === 0) return;
      const created = now.toISOString();
      // toJson turns U+0000 and lone surrogates (JSON.parse lets "\ud800" through) into U+FFFD, as binding
      // the string would: SQLite's JSON decoder would store bytes that are not UTF-8, and PostgreSQL's jsonb
      // refuses them, failing the whole batch.
      await db.raw(sql.upsert, [toJson(affiliates.map((a) => values(a, created)))]);
    },
  };
}

const sqliteStatements = jsonStatements({
  find: `select ${SELECTED} from affiliates where (document_type, document_number) in (select value ->> 0, value ->> 1 from json_each(?))`,
  // `where true` keeps SQLite from parsing `on conflict` as a join constraint.
  upsert: `insert into affiliates (${COLUMNS.join(', ')}) select ${COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?) where true ${UPSERT_TAIL}`,
});

// jsonb: parsed once, then ->> reads its elements.
const postgresStatements = jsonStatements({
  find: `select ${SELECTED} from affiliates where (document_type, document_number) in (select e ->> 0, e ->> 1 from jsonb_array_elements(?::jsonb) e)`,
  upsert: `insert into affiliates (${COLUMNS.join(', ')}) select ${COLUMNS.map((c, i) => (c.endsWith('_at') ? `(e ->> ${i})::timestamptz` : `e ->> ${i}`)).join(', ')} from jsonb_array_elements(?::jsonb) e ${UPSERT_TAIL}`,
});

export function affiliateFeedStatements(db: Db): AffiliateFeedStatements {
  return isPostgres(db) ? postgresStatements : sqliteStatements;
}
