// What the Cloud API channel keeps durably: the inbox of received messages (written before Meta gets its
// 200, deduplicated by message id for as long as Meta may retry), delivery statuses of what we sent,
// and when each user last wrote (the 24-hour customer-service window). Knex implementation in
// src/storage/repositories/knexWhatsAppCloudRepository.ts; tests may use the in-memory one below.

export interface CloudInboxEntry {
  /** Meta's message id (wamid…): the deduplication key. */
  messageId: string;
  /** The sender's WhatsApp id: messages of one sender are processed in order, one at a time. */
  waId: string;
  /** When the user sent it (Meta's timestamp). */
  sentAt: Date;
  /** The webhook's message object, kept only until processed. */
  payload: unknown;
}

export interface ClaimedInboxEntry extends CloudInboxEntry {
  attempts: number;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed' | 'deleted' | 'warning';

export interface DeliveryStatusRecord {
  messageId: string;
  status: string;
  occurredAt: Date;
  /** Meta's error code for failed messages (e.g. 131047, 131026). */
  errorCode?: number;
}

export interface WhatsAppCloudStore {
  /** Stores new entries; ids already known (a replay, a retry) are ignored. Returns the ids that were new. */
  enqueue(entries: CloudInboxEntry[], now: Date): Promise<string[]>;
  /** Pending entries, oldest first. */
  listPending(limit: number): Promise<ClaimedInboxEntry[]>;
  /**
   * Takes an entry for processing; false when another worker took it first or another message of the
   * same sender is being processed (one per sender at a time, across instances). Counts the attempt.
   */
  claim(messageId: string, now: Date): Promise<boolean>;
  /** Marks it processed and drops the payload (the id stays, for deduplication). */
  complete(messageId: string, now: Date): Promise<void>;
  /** Records a failure: back to pending for another try, or failed for good (payload dropped). */
  fail(messageId: string, errorCode: string, retry: boolean, now: Date): Promise<void>;
  /** Entries left "processing" by a crashed worker go back to pending. */
  requeueStale(claimedBefore: Date): Promise<number>;
  /** Forgets finished entries received before the given instant. */
  purge(receivedBefore: Date): Promise<number>;
  /** Records delivery statuses; a repeated (message, status) pair is ignored. */
  recordStatuses(statuses: DeliveryStatusRecord[], now: Date): Promise<void>;
  statusesOf(messageId: string): Promise<DeliveryStatusRecord[]>;
  /** Moves the user's last inbound time forward (never back). */
  touchInbound(waId: string, at: Date): Promise<void>;
  lastInboundAt(waId: string): Promise<Date | undefined>;
}

type Row = ClaimedInboxEntry & { status: 'pending' | 'processing' | 'done' | 'failed'; receivedAt: Date; claimedAt?: Date };

/** In-memory store with the same semantics, for unit tests of the channel. */
export class MemoryWhatsAppCloudStore implements WhatsAppCloudStore {
  readonly rows = new Map<string, Row>();
  readonly statuses: DeliveryStatusRecord[] = [];
  private readonly inbound = new Map<string, Date>();

  async enqueue(entries: CloudInboxEntry[], now: Date): Promise<string[]> {
    const added: string[] = [];
    for (const entry of entries) {
      if (this.rows.has(entry.messageId)) continue;
      this.rows.set(entry.messageId, { ...entry, attempts: 0, status: 'pending', receivedAt: now });
      added.push(entry.messageId);
    }
    return added;
  }

  async listPending(limit: number): Promise<ClaimedInboxEntry[]> {
    return [...this.rows.values()]
      .filter((r) => r.status === 'pending')
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.sentAt.getTime() - b.sentAt.getTime())
      .slice(0, limit)
      .map(({ messageId, waId, sentAt, payload, attempts }) => ({ messageId, waId, sentAt, payload, attempts }));
  }

  async claim(messageId: string, now: Date): Promise<boolean> {
    const row = this.rows.get(messageId);
    if (!row || row.status !== 'pending') return false;
    if ([...this.rows.values()].some((r) => r.waId === row.waId && r.status === 'processing')) return false;
    Object.assign(row, { status: 'processing', claimedAt: now, attempts: row.attempts + 1 });
    return true;
  }

  async complete(messageId: string): Promise<void> {
    const row = this.rows.get(messageId);
    if (row) Object.assign(row, { status: 'done', payload: null });
  }

  async fail(messageId: string, _errorCode: string, retry: boolean): Promise<void> {
    const row = this.rows.get(messageId);
    if (row) Object.assign(row, retry ? { status: 'pending' } : { status: 'failed', payload: null });
  }

  async requeueStale(claimedBefore: Date): Promise<number> {
    let count = 0;
    for (const row of this.rows.values()) {
      if (row.status === 'processing' && row.claimedAt && row.claimedAt < claimedBefore) {
        row.status = 'pending';
        count += 1;
      }
    }
    return count;
  }

  async purge(receivedBefore: Date): Promise<number> {
    let count = 0;
    for (const [id, row] of this.rows) {
      if ((row.status === 'done' || row.status === 'failed') && row.receivedAt < receivedBefore) {
        this.rows.delete(id);
        count += 1;
      }
    }
    return count;
  }

  async recordStatuses(statuses: DeliveryStatusRecord[]): Promise<void> {
    for (const s of statuses) {
      if (!this.statuses.some((x) => x.messageId === s.messageId && x.status === s.status)) this.statuses.push(s);
    }
  }

  async statusesOf(messageId: string): Promise<DeliveryStatusRecord[]> {
    return this.statuses.filter((s) => s.messageId === messageId);
  }

  async touchInbound(waId: string, at: Date): Promise<void> {
    const current = this.inbound.get(waId);
    if (!current || current < at) this.inbound.set(waId, at);
  }

  async lastInboundAt(waId: string): Promise<Date | undefined> {
    return this.inbound.get(waId);
  }
}
