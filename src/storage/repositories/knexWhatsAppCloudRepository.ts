// The WhatsApp Cloud API channel's durable state in the database. Inserts ignore known ids (Meta
// delivers at least once); claiming is a compare-and-set on the status, so two instances never process
// the same message, and a partial unique index allows one message per sender in processing at a time.
import type { Knex } from 'knex';
import type {
  ClaimedInboxEntry,
  CloudInboxEntry,
  DeliveryStatusRecord,
  WhatsAppCloudStore,
} from '../../channels/whatsapp/cloudStore';
import { fromInstant, fromJson, isUniqueViolation, toInstant, toJson } from '../dialect';

type Row = Record<string, unknown>;

export class KnexWhatsAppCloudRepository implements WhatsAppCloudStore {
  constructor(private readonly knex: Knex) {}

  async enqueue(entries: CloudInboxEntry[], now: Date): Promise<string[]> {
    if (entries.length === 0) return [];
    const ids = entries.map((e) => e.messageId);
    const known = new Set(
      (await this.knex('whatsapp_inbox').whereIn('message_id', ids).select('message_id')).map((r: Row) => String(r.message_id)),
    );
    const fresh = entries.filter((e, i) => !known.has(e.messageId) && ids.indexOf(e.messageId) === i);
    if (fresh.length === 0) return [];
    const rows = fresh.map((e) => ({
      message_id: e.messageId,
      wa_id: e.waId,
      status: 'pending',
      payload: toJson(e.payload),
      attempts: 0,
      sent_at: toInstant(e.sentAt),
      received_at: toInstant(now),
    }));
    // A concurrent delivery of the same id (another instance) is absorbed by the primary key.
    await this.knex('whatsapp_inbox').insert(rows).onConflict('message_id').ignore();
    return fresh.map((e) => e.messageId);
  }

  async listPending(limit: number): Promise<ClaimedInboxEntry[]> {
    const rows: Row[] = await this.knex('whatsapp_inbox')
      .where({ status: 'pending' })
      .orderBy([{ column: 'received_at' }, { column: 'sent_at' }, { column: 'message_id' }])
      .limit(limit)
      .select('message_id', 'wa_id', 'sent_at', 'payload', 'attempts');
    return rows.map((r) => ({
      messageId: String(r.message_id),
      waId: String(r.wa_id),
      sentAt: fromInstant(r.sent_at),
      payload: r.payload === null ? null : fromJson<unknown>(r.payload),
      attempts: Number(r.attempts),
    }));
  }

  async claim(messageId: string, now: Date): Promise<boolean> {
    try {
      const updated = await this.knex('whatsapp_inbox')
        .where({ message_id: messageId, status: 'pending' })
        .update({ status: 'processing', claimed_at: toInstant(now), attempts: this.knex.raw('attempts + 1') });
      return updated === 1;
    } catch (error) {
      // Another message of the same sender is being processed (one per sender: partial unique index).
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async complete(messageId: string, now: Date): Promise<void> {
    await this.knex('whatsapp_inbox')
      .where({ message_id: messageId })
      .update({ status: 'done', payload: null, processed_at: toInstant(now), last_error: null });
  }

  async fail(messageId: string, errorCode: string, retry: boolean, now: Date): Promise<void> {
    await this.knex('whatsapp_inbox')
      .where({ message_id: messageId })
      .update(
        retry
          ? { status: 'pending', last_error: errorCode.slice(0, 60) }
          : { status: 'failed', payload: null, processed_at: toInstant(now), last_error: errorCode.slice(0, 60) },
      );
  }

  async requeueStale(claimedBefore: Date): Promise<number> {
    return this.knex('whatsapp_inbox')
      .where({ status: 'processing' })
      .andWhere('claimed_at', '<', toInstant(claimedBefore))
      .update({ status: 'pending' });
  }

  async purge(receivedBefore: Date): Promise<number> {
    return this.knex('whatsapp_inbox')
      .whereIn('status', ['done', 'failed'])
      .andWhere('received_at', '<', toInstant(receivedBefore))
      .delete();
  }

  async recordStatuses(statuses: DeliveryStatusRecord[], now: Date): Promise<void> {
    if (statuses.length === 0) return;
    const rows = statuses.map((s) => ({
      message_id: s.messageId,
      status: s.status.slice(0, 12),
      occurred_at: toInstant(s.occurredAt),
      error_code: s.errorCode ?? null,
      created_at: toInstant(now),
    }));
    await this.knex('whatsapp_message_statuses').insert(rows).onConflict(['message_id', 'status']).ignore();
  }

  async statusesOf(messageId: string): Promise<DeliveryStatusRecord[]> {
    const rows: Row[] = await this.knex('whatsapp_message_statuses').where({ message_id: messageId }).orderBy('occurred_at');
    return rows.map((r) => ({
      messageId: String(r.message_id),
      status: String(r.status),
      occurredAt: fromInstant(r.occurred_at),
      errorCode: r.error_code === null || r.error_code === undefined ? undefined : Number(r.error_code),
    }));
  }

  async touchInbound(waId: string, at: Date): Promise<void> {
    const instant = toInstant(at);
    await this.knex('whatsapp_contacts')
      .insert({ wa_id: waId, last_inbound_at: instant, created_at: instant, updated_at: instant })
      .onConflict('wa_id')
      .merge({ last_inbound_at: instant, updated_at: instant })
      // An older message processed late must not move the window back.
      .where('whatsapp_contacts.last_inbound_at', '<', instant);
  }

  async lastInboundAt(waId: string): Promise<Date | undefined> {
    const row: Row | undefined = await this.knex('whatsapp_contacts').where({ wa_id: waId }).first('last_inbound_at');
    return row ? fromInstant(row.last_inbound_at) : undefined;
  }
}
