// Every conversation's messages as agents read them. Entries arrive already redacted (the recorder
// replaces secrets before anything is written), so this table never holds a password or a code.
import type { Knex } from 'knex';
import type { NewTranscriptEntry, TranscriptAttachment, TranscriptEntry } from '../../domain/handoffTranscript';
import type { HandoffTranscriptRepository, TranscriptWindow } from '../../services/ports/handoff';
import { fromBool, fromInstant, fromJson, optionalText, toInstant, toJson } from '../dialect';

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

/**
 * Inserts a turn's lines inside the caller's transaction in one statement. Both engines number the rows
 * of one multi-row insert in the order of its VALUES, so the sorted ids follow the order of the turn
 * (whatever order RETURNING lists them in). Also used by the turn's batched writes (knexTurnBatch.ts).
 */
export async function insertTranscriptEntries(trx: Knex | Knex.Transaction, entries: NewTranscriptEntry[]): Promise<TranscriptEntry[]> {
  if (entries.length === 0) return [];
  const rows = entries.map((entry) => ({
    conversation_key: entry.conversationKey,
    author: entry.author,
    agent_id: entry.agentId ?? null,
    text: entry.text ?? null,
    options: entry.options?.length ? toJson(entry.options) : null,
    attachments: entry.attachments?.length ? toJson(entry.attachments) : null,
    unsupported_content: entry.unsupportedContent ?? null,
    starts_session: entry.startsSession === true,
    at: toInstant(entry.at),
  }));
  const inserted = (await trx('transcript_entries').insert(rows).returning('id')) as Array<{ id: unknown } | number>;
  const ids = inserted.map((row) => (typeof row === 'object' ? Number(row.id) : Number(row))).sort((a, b) => a - b);
  if (ids.length !== entries.length) throw new Error('transcript insert returned a different number of rows');
  return entries.map((entry, i) => ({ ...entry, id: ids[i] }));
}
