// Per-key request budget (token bucket): a burst of `capacity` requests, then `refillPerSecond`. Kept in
// memory: keys are few and known (only authenticated keys get a bucket), and losing the buckets on a restart
// only forgives a burst. With several instances each holds its own budget; size it per instance.
import type { Clock } from '../../domain/clock';

export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
}

export const DEFAULT_API_RATE_LIMIT: RateLimitOptions = { capacity: 200, refillPerSecond: 50 };

export class KeyRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly options: RateLimitOptions = DEFAULT_API_RATE_LIMIT,
  ) {}

  /** Takes one token; returns 0 when allowed, otherwise the seconds to wait. */
  take(keyId: string): number {
    const now = this.clock.now().getTime();
    const bucket = this.buckets.get(keyId) ?? { tokens: this.options.capacity, at: now };
    const refilled = Math.min(this.options.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond);
    if (refilled < 1) {
      this.buckets.set(keyId, { tokens: refilled, at: now });
      return Math.max(1, Math.ceil((1 - refilled) / this.options.refillPerSecond));
    }
    this.buckets.set(keyId, { tokens: refilled - 1, at: now });
    return 0;
  }
}
