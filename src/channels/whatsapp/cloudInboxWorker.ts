// Processes the Cloud API inbox after the webhook has answered Meta: entries are claimed one by one
// (so two instances never run the same message), senders run in parallel, and each sender's messages
// run in the order received. kick() is what the webhook calls; drain() lets tests (and shutdown) wait.
import { Clock } from '../../domain/clock';
import { Logger, pseudonym } from '../../observability/logger';
import { ClaimedInboxEntry, WhatsAppCloudStore } from './cloudStore';

export interface CloudInboxWorkerDeps {
  store: WhatsAppCloudStore;
  /** Runs one entry (WhatsAppCloudAdapter.processEntry). A throw means "try again later". */
  process(entry: ClaimedInboxEntry): Promise<void>;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  maxAttempts?: number;
  /** An entry "processing" longer than this was left by a crashed worker. */
  staleAfterMs?: number;
  /** How long processed ids are kept for deduplication; Meta retries for up to 7 days. */
  retentionMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class CloudInboxWorker {
  private running?: Promise<void>;
  private again = false;
  private lastPurge?: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly staleAfterMs: number;
  private readonly retentionMs: number;

  constructor(private readonly deps: CloudInboxWorkerDeps) {
    this.batchSize = deps.batchSize ?? 50;
    this.maxAttempts = deps.maxAttempts ?? 3;
    this.staleAfterMs = deps.staleAfterMs ?? 5 * 60 * 1000;
    this.retentionMs = deps.retentionMs ?? 8 * DAY_MS;
  }

  /** At start-up: take back what a crashed process left half done, then work through the backlog. */
  async start(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const requeued = await this.deps.store.requeueStale(new Date(now - this.staleAfterMs));
    if (requeued > 0) this.deps.logger.warn('whatsapp_inbox_requeued', { count: requeued });
    await this.drain();
  }

  /** Starts processing if idle; if already running, makes it look again once done. Never rejects. */
  kick(): void {
    void this.drain();
  }

  /** Resolves when every entry pending now (and any kicked in meanwhile) has been handled. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        // "again" is checked with no await before running is cleared, so no kick is ever lost.
        do {
          this.again = false;
          await this.loop();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async loop(): Promise<void> {
    try {
      // A crashed instance's half-done entries would otherwise hold their sender forever.
      await this.deps.store.requeueStale(new Date(this.deps.clock.now().getTime() - this.staleAfterMs));
      while (await this.runBatch()) {
        // keep going while batches make progress
      }
      await this.purgeDaily();
    } catch (error) {
      // The store itself failed (database down): the entries stay pending for the next kick or start.
      this.deps.logger.error('whatsapp_inbox_failed', { error: error as Error });
    }
  }

  /** Processes one batch; true when something was claimed (there may be more). */
  private async runBatch(): Promise<boolean> {
    const entries = await this.deps.store.listPending(this.batchSize);
    if (entries.length === 0) return false;
    const bySender = new Map<string, ClaimedInboxEntry[]>();
    for (const entry of entries) bySender.set(entry.waId, [...(bySender.get(entry.waId) ?? []), entry]);
    const claimed = await Promise.all([...bySender.values()].map((queue) => this.runSender(queue)));
    return claimed.some(Boolean);
  }

  private async runSender(queue: ClaimedInboxEntry[]): Promise<boolean> {
    let claimedAny = false;
    for (const entry of queue) {
      // Not claimed: another worker has this sender now; its later messages must not overtake.
      if (!(await this.deps.store.claim(entry.messageId, this.deps.clock.now()))) break;
      claimedAny = true;
      try {
        await this.deps.process(entry);
        await this.deps.store.complete(entry.messageId, this.deps.clock.now());
      } catch (error) {
        const attempts = entry.attempts + 1;
        const retry = attempts < this.maxAttempts;
        this.deps.logger.error('whatsapp_inbox_entry_failed', {
          chat: pseudonym(entry.waId),
          attempts,
          willRetry: retry,
          error: error as Error,
        });
        await this.deps.store.fail(entry.messageId, errorCode(error), retry, this.deps.clock.now());
        // Leave this sender's later messages for the next batch, so they still run after the retry.
        if (retry) break;
      }
    }
    return claimedAny;
  }

  private async purgeDaily(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (this.lastPurge !== undefined && now - this.lastPurge < DAY_MS) return;
    this.lastPurge = now;
    const purged = await this.deps.store.purge(new Date(now - this.retentionMs));
    if (purged > 0) this.deps.logger.info('whatsapp_inbox_purged', { count: purged });
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown';
}
