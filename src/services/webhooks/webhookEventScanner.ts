// Turns what happened (requests filed, supports added, PQRDS filed, agents requested) into webhook events,
// by reading the rows that appeared since the last scan, source by source, and enqueueing one outbox
// message per event and URL. Nothing in a conversation waits for it: the filing only writes its own row,
// and the scan finds it within seconds. At least once: the position moves only after the events are in
// the outbox, and an event found twice has the same id, which the outbox keeps once.
// Rows are read a few seconds after their timestamp, so a transaction that committed late is not skipped.
import { createHash } from 'node:crypto';
import type { Clock } from '../../domain/clock';
import type { OutboxRepository } from '../ports/repositories';
import { webhookBody, type WebhookEvent } from './webhookEvents';

export type WebhookSource = 'authorization_requests' | 'request_attachments' | 'pqrds' | 'handoffs';

export const WEBHOOK_SOURCES: readonly WebhookSource[] = ['authorization_requests', 'request_attachments', 'pqrds', 'handoffs'];

export interface ScanPosition {
  at: Date;
  id: string;
}

export interface WebhookEventSource {
  position(source: WebhookSource): Promise<ScanPosition | undefined>;
  savePosition(source: WebhookSource, position: ScanPosition, now: Date): Promise<void>;
  /** Events of rows after `after` and created at or before `until`, oldest first, with each row's position. */
  eventsAfter(source: WebhookSource, after: ScanPosition, until: Date, limit: number): Promise<Array<{ event?: WebhookEvent; position: ScanPosition }>>;
}

export interface WebhookScannerOptions {
  source: WebhookEventSource;
  outbox: Pick<OutboxRepository, 'enqueue'>;
  clock: Clock;
  urls: string[];
  /** How far behind the clock rows are read. */
  lagMs?: number;
  batchSize?: number;
}

export const WEBHOOK_SCAN_LAG_MS = 5_000;

export class WebhookEventScanner {
  constructor(private readonly options: WebhookScannerOptions) {}

  /** One pass over every source; returns how many events were enqueued (per URL, once). */
  async runOnce(): Promise<number> {
    let total = 0;
    for (const source of WEBHOOK_SOURCES) total += await this.scan(source);
    return total;
  }

  private async scan(sourceName: WebhookSource): Promise<number> {
    const { source, clock, outbox, urls } = this.options;
    const now = clock.now();
    const until = new Date(now.getTime() - (this.options.lagMs ?? WEBHOOK_SCAN_LAG_MS));
    let position = await source.position(sourceName);
    if (!position) {
      // First scan: events start from now; history from before webhooks were configured is not replayed.
      position = { at: until, id: '' };
      await source.savePosition(sourceName, position, now);
    }
    let count = 0;
    const limit = this.options.batchSize ?? 200;
    for (;;) {
      const rows = await source.eventsAfter(sourceName, position, until, limit);
      for (const { event } of rows) {
        if (!event) continue;
        const body = webhookBody(event);
        for (const url of urls) {
          await outbox.enqueue({
            kind: 'webhook',
            recipient: url,
            subject: event.type,
            body,
            dedupKey: `webhook:${event.id}:${createHash('sha256').update(url).digest('hex').slice(0, 16)}`,
            createdAt: now,
          });
        }
        count += 1;
      }
      if (rows.length === 0) break;
      position = rows[rows.length - 1]!.position;
      await source.savePosition(sourceName, position, now);
      if (rows.length < limit) break;
    }
    return count;
  }
}
