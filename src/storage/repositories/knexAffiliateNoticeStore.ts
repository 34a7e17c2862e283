// Notices waiting for the affiliate's next message in chat, when the conversation they last used can no
// longer be written to (a closed web chat).
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AffiliateNotice, AffiliateNoticeStore } from '../../services/ports/backOffice';
import { fromInstant, toInstant } from '../dialect';

type Row = Record<string, unknown>;

export class KnexAffiliateNoticeStore implements AffiliateNoticeStore {
  constructor(private readonly db: Knex) {}

  async keep(notice: Omit<AffiliateNotice, 'id'>): Promise<void> {
    await this.db('affiliate_notices')
      .insert({
        id: randomUUID(),
        affiliate_id: notice.affiliateId,
        source_key: notice.sourceKey,
        text: notice.text,
        shown_at: null,
        created_at: toInstant(notice.createdAt),
        updated_at: toInstant(notice.createdAt),
      })
      .onConflict('source_key')
      .ignore();
  }

  async pending(affiliateId: string): Promise<AffiliateNotice[]> {
    const rows = (await this.db('affiliate_notices').where({ affiliate_id: affiliateId }).whereNull('shown_at').orderBy('created_at').limit(20)) as Row[];
    return rows.map((row) => ({
      id: String(row.id),
      affiliateId: String(row.affiliate_id),
      sourceKey: String(row.source_key),
      text: String(row.text),
      createdAt: fromInstant(row.created_at),
    }));
  }

  async markShown(ids: string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db('affiliate_notices').whereIn('id', ids).update({ shown_at: toInstant(now), updated_at: toInstant(now) });
  }
}
