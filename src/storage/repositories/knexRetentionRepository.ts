// Deletes for the retention purge (services/retentionPurge.ts), on both engines.
import type { Knex } from 'knex';
import type { RetentionRepository } from '../../services/ports/retention';
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
}
