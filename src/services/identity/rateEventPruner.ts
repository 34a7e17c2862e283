// Deletes rate-limit events no limit looks at any more (the longest window is a day). Scheduled hourly
// by the composition root as a PeriodicTask.
import type { Clock } from '../../domain/clock';
import type { RateLimitEventRepository } from '../ports/identity';

const KEEP_MS = 2 * 24 * 60 * 60_000;
export const RATE_EVENT_PRUNE_INTERVAL_MS = 60 * 60_000;

export class RateEventPruner {
  constructor(private readonly deps: { rateEvents: RateLimitEventRepository; clock: Clock }) {}

  async pruneOnce(): Promise<number> {
    return this.deps.rateEvents.pruneBefore(new Date(this.deps.clock.now().getTime() - KEEP_MS));
  }
}
