// Every conversation's messages as agents read them. Entries arrive already redacted (the recorder
// replaces secrets before anything is written), so this table never holds a password or a code.
import type { Knex } from 'knex';
import type { NewTranscriptEntry, TranscriptAttachment, TranscriptEntry } from '../../domain/handoffTranscript';
import type { HandoffTranscriptRepository, TranscriptScope } from '../../services/ports/handoff';
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
    const stored: TranscriptEntry[] = [];
    // One by one inside a transaction: ids must follow the order of the turn on both engines.
    await this.knex.transaction(async (trx) => {
      for (const entry of entries) {
        const [inserted] = (await trx('transcript_entries')
          .insert({
            conversation_key: entry.conversationKey,
            author: entry.author,
            agent_id: entry.agentId ?? null,
            text: entry.text ?? null,
            options: entry.options?.length ? toJson(entry.options) : null,
            attachments: entry.attachments?.length ? toJson(entry.attachments) : null,
            unsupported_content: entry.unsupportedContent ?? null,
            starts_session: entry.startsSession === true,
            at: toInstant(entry.at),
          })
          .returning('id')) as Array<{ id: unknown } | number>;
        const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
        stored.push({ ...entry, id });
      }
    });
    return stored;
  }

  async list(conversationKey: string, limit = 500, scope?: TranscriptScope): Promise<TranscriptEntry[]> {
    // The newest `limit` entries, shown oldest first.
    const rows = (await this.inScope(conversationKey, scope).orderBy('id', 'desc').limit(limit)) as Row[];
    return rows.reverse().map(fromRow);
  }

  async findAttachment(conversationKey: string, stagedId: string, scope?: TranscriptScope): Promise<TranscriptEntry | undefined> {
    const rows = (await this.inScope(conversationKey, scope).where({ author: 'user' }).whereNotNull('attachments').orderBy('id', 'desc')) as Row[];
    return rows.map(fromRow).find((e) => e.attachments?.some((a) => a.stagedId === stagedId));
  }

  /** The conversation's entries, or only the session current at `scope.sessionAt`. */
  private inScope(conversationKey: string, scope?: TranscriptScope): Knex.QueryBuilder {
    const query = this.knex('transcript_entries').where({ conversation_key: conversationKey });
    if (!scope) return query;
    const starts = () => this.knex('transcript_entries').where({ conversation_key: conversationKey, starts_session: true });
    const from = starts().where('at', '<=', toInstant(scope.sessionAt)).max('id');
    // No later session: up to the largest id an "increments" column holds on both engines.
    return query
      .where('id', '>=', this.knex.raw('coalesce((?), 0)', [from]))
      .where('id', '<', this.knex.raw('coalesce((?), ?)', [starts().where('id', '>', this.knex.raw('coalesce((?), 0)', [from])).min('id'), 2_147_483_647]));
  }
}
