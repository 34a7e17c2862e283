// Every conversation's messages as agents read them. Entries arrive already redacted (the recorder
// replaces secrets before anything is written), so this table never holds a password or a code.
import type { Knex } from 'knex';
import type { NewTranscriptEntry, TranscriptAttachment, TranscriptEntry } from '../../domain/handoffTranscript';
import type { HandoffTranscriptRepository, TranscriptWindow } from '../../services/ports/handoff';
import { fromBool, fromInstant, fromJson, isPostgres, optionalText, toInstant, toJson } from '../dialect';

type Row = Record<string, unknown>;

function fromRow(row: Row): TranscriptEntry {
  return {
    id: Number(row.id),
    conversationKey: String(row.conversation_key),
    author: row.author as TranscriptEntry['author'],
    agentId: optionalText(row.agent_id),
    text: optionalText(row.text),
    options: row.options == null ? undefined : fromJson<string[]>(row.options),
    attachments: row.attachments == null ? undefined : fromJson<TranscriptAttachment[]>(row.attachments),
    unsupportedContent: optionalText(row.unsupported_content),
    startsSession: fromBool(row.starts_session) || undefined,
    at: fromInstant(row.at),
  };
}

export class KnexHandoffTranscriptRepository implements HandoffTranscriptRepository {
  constructor(private readonly knex: Knex) {}

  async append(entries: NewTranscriptEntry[]): Promise<TranscriptEntry[]> {
    return this.knex.transaction((trx) => insertTranscriptEntries(trx, entries));
  }

  async list(conversationKey: string, options: TranscriptWindow & { limit?: number } = {}): Promise<TranscriptEntry[]> {
    // The newest `limit` entries, shown oldest first.
    const rows = (await this.inWindow(conversationKey, options).orderBy('id', 'desc').limit(options.limit ?? 500)) as Row[];
    return rows.reverse().map(fromRow);
  }

  async findAttachment(conversationKey: string, stagedId: string, window: TranscriptWindow = {}): Promise<TranscriptEntry | undefined> {
    const rows = (await this.inWindow(conversationKey, window).where({ author: 'user' }).whereNotNull('attachments').orderBy('id', 'desc')) as Row[];
    return rows.map(fromRow).find((e) => e.attachments?.some((a) => a.stagedId === stagedId));
  }

  /** The conversation's entries between `from` and `to`, and only of the session current at `sessionAt`. */
  private inWindow(conversationKey: string, window: TranscriptWindow): Knex.QueryBuilder {
    const query = this.knex('transcript_entries').where({ conversation_key: conversationKey });
    if (window.from) query.andWhere('at', '>=', toInstant(window.from));
    if (window.to) query.andWhere('at', '<=', toInstant(window.to));
    if (!window.sessionAt) return query;
    const starts = () => this.knex('transcript_entries').where({ conversation_key: conversationKey, starts_session: true });
    const from = starts().where('at', '<=', toInstant(window.sessionAt)).max('id');
    // No later session: up to the largest id an "increments" column holds on both engines.
    return query
      .where('id', '>=', this.knex.raw('coalesce((?), 0)', [from]))
      .where('id', '<', this.knex.raw('coalesce((?), ?)', [starts().where('id', '>', this.knex.raw('coalesce((?), 0)', [from])).min('id'), 2_147_483_647]));
  }
}

// All lines travel as one JSON array parameter taken apart by the engine: one binding instead of nine per
// line (a group commit inserts a hundred lines; building and binding the VALUES list was most of its CPU).
const INSERT_SQLITE = `
insert into transcript_entries (conversation_key, author, agent_id, "text", options, attachments, unsupported_content, starts_session, at)
select value ->> '$.conversation_key', value ->> '$.author', value ->> '$.agent_id', value ->> '$.text', value ->> '$.options',
  value ->> '$.attachments', value ->> '$.unsupported_content', value ->> '$.starts_session', value ->> '$.at'
from json_each(?) order by key
returning id`;

/** Also the lines part of postgresTurnWrite.ts's one-statement turn write. */
export const TRANSCRIPT_LINES_FROM_JSONB = `
  select r.conversation_key, r.author, r.agent_id, r."text", r.options, r.attachments, r.unsupported_content, r.starts_session, r.at
  from rows from (jsonb_to_recordset(?::jsonb) as (conversation_key text, author text, agent_id text, "text" text, options jsonb,
    attachments jsonb, unsupported_content text, starts_session boolean, at timestamptz))
    with ordinality as r(conversation_key, author, agent_id, "text", options, attachments, unsupported_content, starts_session, at, n)
  order by r.n`;

const INSERT_POSTGRES = `
insert into transcript_entries (conversation_key, author, agent_id, "text", options, attachments, unsupported_content, starts_session, at)
${TRANSCRIPT_LINES_FROM_JSONB}
returning id`;

/**
 * The lines as the JSON parameter of the statements above. JSON columns go as nested JSON on PostgreSQL
 * (jsonb_to_recordset takes them as jsonb) and as their text on SQLite (stored as text).
 */
export function transcriptLinesJson(entries: NewTranscriptEntry[], postgres: boolean): string {
  const json = (value: unknown[] | undefined) => (value?.length ? (postgres ? value : toJson(value)) : null);
  return toJson(
    entries.map((entry) => ({
      conversation_key: entry.conversationKey,
      author: entry.author,
      agent_id: entry.agentId ?? null,
      text: entry.text ?? null,
      options: json(entry.options),
      attachments: json(entry.attachments),
      unsupported_content: entry.unsupportedContent ?? null,
      starts_session: entry.startsSession === true,
      at: toInstant(entry.at),
    })),
  );
}

/**
 * Inserts lines (one turn's, or a group commit's) in one statement. Both engines number the rows of one
 * insert in the order they are inserted (ordered by their place in the array), so the sorted ids follow
 * the order of the lines whatever order RETURNING lists them in. Also used by knexTurnCommitter.ts.
 */
export async function insertTranscriptEntries(trx: Knex | Knex.Transaction, entries: NewTranscriptEntry[]): Promise<TranscriptEntry[]> {
  if (entries.length === 0) return [];
  const postgres = isPostgres(trx);
  const result = (await trx.raw(postgres ? INSERT_POSTGRES : INSERT_SQLITE, [transcriptLinesJson(entries, postgres)])) as
    | { rows: Array<{ id: unknown }> }
    | Array<{ id: unknown }>;
  const inserted = Array.isArray(result) ? result : result.rows;
  const ids = inserted.map((row) => Number(row.id)).sort((a, b) => a - b);
  if (ids.length !== entries.length) throw new Error('transcript insert returned a different number of rows');
  return entries.map((entry, i) => ({ ...entry, id: ids[i]! }));
}
