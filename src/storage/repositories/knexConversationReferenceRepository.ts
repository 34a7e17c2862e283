// Where to reach a conversation later; one row per conversation, replaced on every turn that changes it.
import type { Knex } from 'knex';
import type { ConversationReferenceRecord } from '../../domain/model';
import type { ConversationReferenceRepository } from '../../services/ports/repositories';
import { fromInstant, fromJson, optionalText, toInstant, toJson } from '../dialect';

type Row = Record<string, unknown>;

function fromRow(row: Row): ConversationReferenceRecord {
  return {
    conversationKey: String(row.conversation_key),
    channel: String(row.channel),
    reference: fromJson<Record<string, unknown>>(row.reference),
    affiliateId: optionalText(row.affiliate_id),
    updatedAt: fromInstant(row.updated_at),
  };
}

export class KnexConversationReferenceRepository implements ConversationReferenceRepository {
  constructor(private readonly db: Knex) {}

  async upsert(record: ConversationReferenceRecord): Promise<void> {
    await upsertReferenceRow(this.db, record);
  }

  async find(conversationKey: string): Promise<ConversationReferenceRecord | undefined> {
    const row = (await this.db('conversation_references').where({ conversation_key: conversationKey }).first()) as
      | Row
      | undefined;
    return row ? fromRow(row) : undefined;
  }

  async listByAffiliate(affiliateId: string): Promise<ConversationReferenceRecord[]> {
    const rows = (await this.db('conversation_references')
      .where({ affiliate_id: affiliateId })
      .orderBy('updated_at', 'desc')) as Row[];
    return rows.map(fromRow);
  }
}

/** Inserts or replaces one conversation's reference; also used by the turn's batched writes (knexTurnBatch.ts). */
export async function upsertReferenceRow(db: Knex | Knex.Transaction, record: ConversationReferenceRecord): Promise<void> {
  const changes = {
    channel: record.channel,
    reference: toJson(record.reference),
    affiliate_id: record.affiliateId ?? null,
    updated_at: toInstant(record.updatedAt),
  };
  await db('conversation_references')
    .insert({ conversation_key: record.conversationKey, created_at: toInstant(record.updatedAt), ...changes })
    .onConflict('conversation_key')
    .merge(changes);
}
