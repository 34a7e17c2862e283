// Delivers the outbox: claims due messages (a lease, so two workers never hold the same one), sends each
// through the driver of its kind, marks it sent, or records a stable error code and lets the repository
// schedule the retry with exponential back-off. A gateway down for minutes loses nothing: messages wait
// in the table. Nothing goes twice: a message is claimed by one worker at a time, and drivers pass the
// message id as an idempotency key for the case where a send succeeded but we never heard back.
import type { Clock } from '../../domain/clock';
import type { OutboxMessage } from '../../domain/model';
import type { Logger } from '../../observability/logger';
import type { OutboxRepository } from '../ports/repositories';
import { DeliveryError, type MessageDriver } from '../ports/notifications';
import { maskSecretsForLog } from './secretMasking';

export interface OutboxWorkerOptions {
  outbox: OutboxRepository;
  /** Read at each delivery, so areas wired later (the chat notices) can add theirs. */
  drivers: MessageDriver[];
  clock: Clock;
  logger: Logger;
  /** Messages claimed per round. */
  batchSize?: number;
  /** How long a claimed message is held before another worker may take it; longer than a send timeout. */
  leaseMs?: number;
  /**
   * Attempts before a message is given up ('failed'). With the repository's back-off (30 s doubling, at most
   * 1 h) 10 attempts span about 3 hours, so an outage of minutes or even an hour loses nothing.
   */
  maxAttempts?: number;
  /** Pause between rounds when the outbox is idle. */
  pollIntervalMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

export interface OutboxRoundResult {
  sent: number;
  retrying: number;
  failed: number;
}

export class OutboxWorker {
  readonly name = 'outbox';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly options: OutboxWorkerOptions) {
  }

  /** One round: claim what is due and try each once. Tests call this directly on a fixed clock. */
  async runOnce(): Promise<OutboxRoundResult> {
    const { outbox, clock } = this.options;
    const result: OutboxRoundResult = { sent: 0, retrying: 0, failed: 0 };
    const claimed = await outbox.claimDue(clock.now(), this.options.batchSize ?? 20, this.options.leaseMs ?? 60_000);
    for (const message of claimed) {
      const outcome = await this.deliver(message);
      result[outcome] += 1;
    }
    return result;
  }

  /** Starts polling in the background (the composition root calls it once). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the round in progress, so shutdown never cuts a send in half. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then((round) => round.sent + round.retrying + round.failed > 0)
        .catch((error: unknown) => {
          this.options.logger.error('outbox.round_failed', { error });
          return false;
        })
        // A full round may mean more are waiting: go again at once; otherwise wait for the next poll.
        .then((busy) => this.schedule(busy ? 0 : (this.options.pollIntervalMs ?? 2_000)));
    }, delayMs);
    this.timer.unref();
  }

  private async deliver(message: OutboxMessage): Promise<'sent' | 'retrying' | 'failed'> {
    const { outbox, clock, logger } = this.options;
    const driver = this.options.drivers.find((d) => d.kind === message.kind);
    try {
      if (!driver) throw new DeliveryError(`no_driver_${message.kind}`, false);
      await driver.send(message);
    } catch (error) {
      const delivery = error instanceof DeliveryError ? error : new DeliveryError('driver_error', true);
      const maxAttempts = !delivery.retryable
        ? message.attempts + 1
        : driver?.giveUpAfterMs !== undefined
          ? clock.now().getTime() - message.createdAt.getTime() >= driver.giveUpAfterMs
            ? message.attempts + 1
            : Number.MAX_SAFE_INTEGER
          : (this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      const after = await outbox.markFailed(message.id, delivery.code, clock.now(), maxAttempts);
      const finalFailure = after.status === 'failed';
      logger[finalFailure ? 'error' : 'warn']('outbox.delivery_failed', {
        messageId: message.id,
        kind: message.kind,
        errorCode: delivery.code,
        attempts: after.attempts,
        willRetry: !finalFailure,
      });
      return finalFailure ? 'failed' : 'retrying';
    }
    // Sent: the text's secrets (temporary passwords, codes) have done their job and are not kept.
    await outbox.markSent(message.id, clock.now(), driver.keepsBodyInOutbox ? undefined : maskSecretsForLog(message.body));
    logger.info('outbox.sent', { messageId: message.id, kind: message.kind, attempts: message.attempts + 1 });
    return 'sent';
  }
}
