// On PostgreSQL the usual turn that changed something — its bot state, checked against the eTag it was
// loaded with, and its transcript lines — is written by one statement: the state update, and the lines
// inserted only if that update found the row as it was loaded. One statement is atomic by itself, so the
// BEGIN and COMMIT round trips go (each costs the instance and the server a wake-up). Anything else — a
// stale or missing row, a first save, a reference to store — takes knexTurnBatch.ts's transaction.
import type { StoreItem } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { NewTranscriptEntry, TranscriptEntry } from '../domain/handoffTranscript';
import { toInstant, toJson } from './dialect';

const STATEMENT = `
with state as (
  update bot_state set doc = ?::jsonb, e_tag = ?, updated_at = ?::timestamptz
  where key = ? and e_tag = ?
  returning 1
), lines as (
  insert into transcript_entries (conversation_key, author, agent_id, "text", options, attachments, unsupported_content, starts_session, at)
  select r.conversation_key, r.author, r.agent_id, r."text", r.options, r.attachments, r.unsupported_content, r.starts_session, r.at
  from jsonb_to_recordset(?::jsonb) as r(conversation_key text, author text, agent_id text, "text" text, options jsonb,
    attachments jsonb, unsupported_content text, starts_session boolean, at timestamptz)
  where exists (select 1 from state)
  returning id
)
select (select count(*) from state)::int as updated, (select coalesce(json_agg(id), '[]'::json) from lines) as ids`;

/**
 * Writes the state and the lines when the stored state still has `item.eTag`; undefined (nothing written)
 * when it does not, or when the state is not compared (a first save, '*'): the caller's transaction then
 * applies the full rules of knexStorage.ts.
 */
export async function writeStateAndLinesAtOnce(
  knex: Knex,
  key: string,
  item: StoreItem,
  entries: NewTranscriptEntry[],
  at: Date,
): Promise<{ eTag: string; stored: TranscriptEntry[] } | undefined> {
  const { eTag: expected, ...doc } = (item ?? {}) as StoreItem & { eTag?: unknown };
  if (typeof expected !== 'string' || expected === '' || expected === '*' || entries.length === 0) return undefined;
  const eTag = randomUUID();
  const lines = entries.map((entry) => ({
    conversation_key: entry.conversationKey,
    author: entry.author,
    agent_id: entry.agentId ?? null,
    text: entry.text ?? null,
    options: entry.options?.length ? entry.options : null,
    attachments: entry.attachments?.length ? entry.attachments : null,
    unsupported_content: entry.unsupportedContent ?? null,
    starts_session: entry.startsSession === true,
    at: toInstant(entry.at),
  }));
  const result = (await knex.raw(STATEMENT, [toJson(doc), eTag, toInstant(at), key, expected, toJson(lines)])) as {
    rows: Array<{ updated: number; ids: unknown[] }>;
  };
  const row = result.rows[0];
  if (!row || row.updated !== 1) return undefined;
  const ids = row.ids.map(Number).sort((a, b) => a - b);
  if (ids.length !== entries.length) throw new Error('transcript insert returned a different number of rows');
  return { eTag, stored: entries.map((entry, i) => ({ ...entry, id: ids[i] })) };
}
