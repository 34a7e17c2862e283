// A guessing limit kept as rate events in the database: it holds across instances, survives restarts, and
// cannot grow without bound (the pruner deletes events older than any window). After `freeFailures` failures
// inside the window, each further try waits longer (base, doubling, up to maxDelayMs) counted from the last
// failure. Subjects are keyed hashes of what the client typed or where it came from, never the value itself.
import { createHmac } from 'node:crypto';
import type { RateLimitEventRepository, RateLimitScope } from '../ports/identity';
import type { ThrottleDecision } from './loginThrottle';

export interface ThrottlePolicy {
  scope: RateLimitScope;
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this no longer count. At most two days: the pruner keeps no more. */
  windowMs: number;
}

/** Wait after `failures` failures in the window (0 while within the free ones). */
export function throttleDelay(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.baseDelayMs * 2 ** Math.min(failures - policy.freeFailures, 20), policy.maxDelayMs);
}

export class RateEventThrottle {
  constructor(
    private readonly events: RateLimitEventRepository,
    readonly policy: ThrottlePolicy,
  ) {}

  async failures(key: string, now: Date): Promise<number> {
    return this.events.count(this.policy.scope, key, new Date(now.getTime() - this.policy.windowMs));
  }

  async check(key: string, now: Date): Promise<ThrottleDecision> {
    const failures = await this.failures(key, now);
    const delay = throttleDelay(this.policy, failures);
    if (delay === 0) return { allowed: true };
    const last = await this.events.latest(this.policy.scope, key);
    const until = (last?.getTime() ?? 0) + delay;
    return until > now.getTime() ? { allowed: false, retryAfterMs: until - now.getTime() } : { allowed: true };
  }

  async recordFailure(key: string, now: Date): Promise<void> {
    await this.events.record(this.policy.scope, key, now);
  }

  async clear(key: string): Promise<void> {
    await this.events.clear(this.policy.scope, key);
  }
}

/** A keyed hash for rate-event subjects (addresses, e-mails, conversation ids): correlates, never reveals. */
export function rateSubjectKeyer(secret: string): (kind: string, value: string) => string {
  return (kind, value) => createHmac('sha256', secret).update(`${kind}:${value}`).digest('hex').slice(0, 40);
}
