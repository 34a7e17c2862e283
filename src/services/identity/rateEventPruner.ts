// Deletes rate-limit events no limit looks at any more (the longest window is a day), once an hour.
import type { Clock } from '../../domain/clock';
import type { Logger } from '../../observability/logger';
import type { RateLimitEventRepository } from '../ports/identity';

const KEEP_MS = 2 * 24 * 60 * 60_000;

export class RateEventPruner {
  readonly name = 'identity-rate-event-pruner';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: { rateEvents: RateLimitEventRepository; clock: Clock; logger: Logger; intervalMs?: number }) {}

  async pruneOnce(): Promise<number> {
    return this.deps.rateEvents.pruneBefore(new Date(this.deps.clock.now().getTime() - KEEP_MS));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.pruneOnce()
        .then((count) => this.deps.logger.debug('identity.rate_events_pruned', { count }))
        .catch((error: unknown) => this.deps.logger.warn('identity.rate_events_prune_failed', { error }));
    }, this.deps.intervalMs ?? 60 * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
