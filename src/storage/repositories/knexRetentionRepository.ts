// Deletes for the retention purge (services/retentionPurge.ts), on both engines.
import type { Knex } from 'knex';
import type { RetentionRepository } from '../../services/ports/retention';
import { CONVERSATION_OVERHEAD_BYTES } from '../../channels/directline/directLineStore';
import { instantMinus, toInstant } from '../dialect';

export class KnexRetentionRepository implements RetentionRepository {
  constructor(private readonly db: Knex) {}

  async deleteTranscriptOutsideHandoffs(before: Date, contextMs: number): Promise<number> {
    const db = this.db;
    return db('transcript_entries')
      .where('at', '<', toInstant(before))
      .whereNotExists(function coveringHandoff() {
        void this.select(db.raw('1'))
          .from('handoffs as h')
          .whereRaw('h.conversation_key = transcript_entries.conversation_key')
          .andWhere('transcript_entries.at', '>=', instantMinus(db, 'h.requested_at', contextMs))
          .andWhere((closed) => {
            void closed.whereNull('h.closed_at').orWhereRaw('transcript_entries.at <= h.closed_at');
          });
      })
      .delete();
  }

  async deleteTranscriptBefore(before: Date): Promise<number> {
    return this.db('transcript_entries').where('at', '<', toInstant(before)).delete();
  }

  async deleteFinishedOutboxBefore(before: Date): Promise<number> {
    return this.db('outbox_messages').whereIn('status', ['sent', 'failed']).andWhere('created_at', '<', toInstant(before)).delete();
  }

  async deleteWebChatLogBefore(before: Date): Promise<{ conversations: number; activities: number }> {
    const cutoff = toInstant(before);
    return this.db.transaction(async (trx) => {
      const idle = trx('directline_conversations').select('id').where('last_used_at', '<', cutoff);
      const idleActivities = await trx('directline_activities').whereIn('conversation_id', idle).delete();
      const conversations = await trx('directline_conversations').where('last_used_at', '<', cutoff).delete();
      // Old lines of conversations still in use: their counters are recomputed from what stays.
      const touched = (await trx('directline_activities').distinct('conversation_id').where('created_at', '<', cutoff)) as Array<{ conversation_id: string }>;
      const oldActivities = await trx('directline_activities').where('created_at', '<', cutoff).delete();
      for (let i = 0; i < touched.length; i += 200) {
        const ids = touched.slice(i, i + 200).map((row) => row.conversation_id);
        await trx('directline_conversations')
          .whereIn('id', ids)
          .update({
            activity_count: trx.raw('(select count(*) from directline_activities a where a.conversation_id = directline_conversations.id)'),
            bytes: trx.raw('? + (select coalesce(sum(a.bytes), 0) from directline_activities a where a.conversation_id = directline_conversations.id)', [CONVERSATION_OVERHEAD_BYTES]),
          });
      }
      return { conversations, activities: idleActivities + oldActivities };
    });
  }

  async deleteConversationReferencesBefore(before: Date): Promise<number> {
    return this.db('conversation_references').where('updated_at', '<', toInstant(before)).delete();
  }

  async deleteExpiredWebChatFiles(now: Date): Promise<number> {
    return this.db('directline_files').where('expires_at', '<=', toInstant(now)).delete();
  }
}
