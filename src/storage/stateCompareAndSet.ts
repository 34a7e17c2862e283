// Compare-and-set of many bot states in one statement (the group commit of knexTurnCommitter.ts): each row
// changes only if it still has the eTag its turn loaded; the keys that changed come back with their new
// eTags. A key that is not returned was stale or is not stored yet; the caller decides which.
import { randomUUID } from 'node:crypto';
import type { StoreItem } from 'botbuilder';
import type { Knex } from 'knex';
import { isPostgres, toInstant, toJson } from './dialect';

// The states travel as one JSON array parameter, taken apart by the engine (one statement, any count).
const SQLITE = `
update bot_state set doc = s.doc, e_tag = s.e_tag, updated_at = ?
from (select value ->> '$.key' as key, value -> '$.doc' as doc, value ->> '$.eTag' as e_tag, value ->> '$.expected' as expected
      from json_each(?)) as s
where bot_state.key = s.key and bot_state.e_tag = s.expected
returning bot_state.key as key`;

const POSTGRES = `
update bot_state as b set doc = s.doc, e_tag = s."eTag", updated_at = ?::timestamptz
from jsonb_to_recordset(?::jsonb) as s(key text, doc jsonb, "eTag" text, expected text)
where b.key = s.key and b.e_tag = s.expected
returning b.key as key`;

/** Sets every state whose stored eTag is still the one in its item; returns the new eTag of each key set. */
export async function updateComparedStates(trx: Knex.Transaction, states: Map<string, StoreItem>, at: Date): Promise<Map<string, string>> {
  const rows = [...states].map(([key, item]) => {
    const { eTag: expected, ...doc } = item as StoreItem & { eTag?: unknown };
    return { key, doc, eTag: randomUUID(), expected: String(expected) };
  });
  const result = (await trx.raw(isPostgres(trx) ? POSTGRES : SQLITE, [toInstant(at), toJson(rows)])) as
    | { rows: Array<{ key: string }> }
    | Array<{ key: string }>;
  const updated = Array.isArray(result) ? result : result.rows;
  const eTagOf = new Map(rows.map((row) => [row.key, row.eTag]));
  return new Map(updated.map((row) => [row.key, eTagOf.get(row.key)!]));
}
