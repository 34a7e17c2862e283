// On PostgreSQL the usual turns that changed something — their bot states, each checked against the eTag
// it was loaded with, and their transcript lines — are written by one statement: the states updated, and
// the lines inserted only if every update found its row as it was loaded. One statement is atomic by
// itself, so the BEGIN and COMMIT round trips go (each costs the instance and the server a wake-up).
// Anything else — a stale or missing row, a first save, a reference to store — takes the transaction of
// knexTurnCommitter.ts.
import type { StoreItem } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { NewTranscriptEntry, TranscriptEntry } from '../domain/handoffTranscript';
import { toInstant, toJson } from './dialect';
import { TRANSCRIPT_LINES_FROM_JSONB, transcriptLinesJson } from './repositories/knexHandoffTranscriptRepository';

const STATEMENT = `
with state as (
  update bot_state as b set doc = s.doc, e_tag = s."eTag", updated_at = ?::timestamptz
  from jsonb_to_recordset(?::jsonb) as s(key text, doc jsonb, "eTag" text, expected text)
  where b.key = s.key and b.e_tag = s.expected
  returning b.key
), complete as (
  -- Every state found as it was loaded, or the statement fails (division by zero) and writes nothing.
  select 1 / (case when (select count(*) from state) = ? then 1 else 0 end) as ok
), lines as (
  insert into transcript_entries (conversation_key, author, agent_id, "text", options, attachments, unsupported_content, starts_session, at)
  select * from (${TRANSCRIPT_LINES_FROM_JSONB}) as l
  where (select ok from complete) = 1
  returning id
)
select (select ok from complete) as ok, (select coalesce(json_agg(id), '[]'::json) from lines) as ids`;

/** PostgreSQL's division_by_zero: here, "a state was not as its turn loaded it". */
const INCOMPLETE = '22012';

/**
 * Writes the states and the lines (one turn's, or a group commit's) when every stored state still has
 * the eTag in its item; undefined, with nothing written, when one does not or when a state is not
 * compared (a first save, '*'): the caller's transaction then applies the full rules of knexStorage.ts.
 */
export async function writeStatesAndLinesAtOnce(
  knex: Knex,
  states: Map<string, StoreItem>,
  entries: NewTranscriptEntry[],
  at: Date,
): Promise<{ eTags: Map<string, string>; stored: TranscriptEntry[] } | undefined> {
  const rows: Array<{ key: string; doc: unknown; eTag: string; expected: string }> = [];
  for (const [key, item] of states) {
    const { eTag: expected, ...doc } = (item ?? {}) as StoreItem & { eTag?: unknown };
    if (typeof expected !== 'string' || expected === '' || expected === '*') return undefined;
    rows.push({ key, doc, eTag: randomUUID(), expected });
  }
  let result: { rows: Array<{ ok: number; ids: unknown[] }> };
  try {
    result = (await knex.raw(STATEMENT, [toInstant(at), toJson(rows), rows.length, transcriptLinesJson(entries, true)])) as typeof result;
  } catch (error) {
    if ((error as { code?: unknown }).code === INCOMPLETE) return undefined;
    throw error;
  }
  const ids = (result.rows[0]?.ids ?? []).map(Number).sort((a, b) => a - b);
  if (ids.length !== entries.length) throw new Error('transcript insert returned a different number of rows');
  return {
    eTags: new Map(rows.map((row) => [row.key, row.eTag])),
    stored: entries.map((entry, i) => ({ ...entry, id: ids[i]! })),
  };
}
