// The one place where SQLite and PostgreSQL differ for our queries: JSON and timestamp round-trips,
// booleans, counts, row locking, and case-insensitive matching. Repositories call these instead of
// branching on the client themselves.
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export function isPostgres(db: Db): boolean {
  const client = (db.client as { config: { client?: unknown } }).config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

const MAYBE_REFUSED_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/**
 * JSON goes in as text on both: pg would turn a JS array into a PostgreSQL array otherwise.
 * PostgreSQL's json/jsonb refuse U+0000 and unpaired surrogates, which users can send (Direct Line takes
 * any JSON string); they become U+FFFD on every engine, so a stray byte never makes a write fail.
 */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  // Nearly every document has neither escape: one scan without a callback per escape sequence.
  if (!MAYBE_REFUSED_ESCAPE.test(json)) return json;
  // JSON.stringify escapes exactly these as \u0000 and \udXXX; consume escapes left to right so an
  // escaped backslash followed by "u0000" (literal text) is left alone.
  return json.replace(/\\(u0000|ud[89a-f][0-9a-f]{2}|.)/gi, (escape: string, body: string) =>
    body.length === 5 ? '\\ufffd' : escape,
  );
}

/** pg parses json/jsonb columns itself; sqlite3 hands back the text. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * Instants are written as ISO-8601 UTC text ('YYYY-MM-DDTHH:mm:ss.sssZ'): PostgreSQL's timestamptz parses
 * it, and on SQLite the fixed width keeps text comparison and ordering chronological.
 */
export function toInstant(date: Date): string {
  return date.toISOString();
}

export function toOptionalInstant(date: Date | undefined | null): string | null {
  return date ? date.toISOString() : null;
}

/** pg returns Date for timestamptz; SQLite returns the ISO text we wrote. */
export function fromInstant(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError('not a timestamp');
}

export function fromOptionalInstant(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : fromInstant(value);
}

/** SQLite stores booleans as 0/1. */
export function fromBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** pg returns bigint aggregates (count) as strings. */
export function fromCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/**
 * Locks the selected rows for the rest of the transaction and skips rows another worker holds.
 * SQLite has no row locks: its single writer (one pooled connection) already serialises transactions.
 */
export function lockForUpdateSkipLocked<T extends Knex.QueryBuilder>(db: Db, query: T): T {
  return isPostgres(db) ? (query.forUpdate().skipLocked() as T) : query;
}

/** Locks the selected rows until the transaction ends (no-op on SQLite, see above). */
export function lockForUpdate<T extends Knex.QueryBuilder>(db: Db, query: T): T {
  return isPostgres(db) ? (query.forUpdate() as T) : query;
}

/** A LIKE pattern matching `text` anywhere, with %, _ and \ in the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column LIKE pattern ESCAPE '\'`: the same syntax on both engines. */
export function whereLike(query: Knex.QueryBuilder, column: string, pattern: string): Knex.QueryBuilder {
  return query.whereRaw(`?? like ? escape '\\'`, [column, pattern]);
}

/** A unique or primary-key constraint refused the write (pg 23505; SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; message?: unknown };
  if (e?.code === '23505') return true;
  return e?.code === 'SQLITE_CONSTRAINT' && typeof e.message === 'string' && /UNIQUE|PRIMARY KEY/.test(e.message);
}

/**
 * SQL for "the instant in `column` minus `ms` milliseconds", comparable with stored instants: PostgreSQL
 * subtracts an interval from the timestamptz; SQLite shifts the ISO text and writes it back in the same
 * fixed-width format (toInstant), so text comparison stays chronological.
 */
export function instantMinus(db: Db, column: string, ms: number): Knex.Raw {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError('ms must be a non-negative integer');
  return isPostgres(db)
    ? db.raw(`(?? - (? * interval '1 millisecond'))`, [column, ms])
    : db.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', ??, ?)`, [column, `-${(ms / 1000).toFixed(3)} seconds`]);
}

