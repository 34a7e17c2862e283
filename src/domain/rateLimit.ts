// Token buckets keyed by whoever spends them (a client address, a conversation): `burst` tries at once,
// then `perMinute` more each minute. Keys live in a BoundedMap, so a client inventing keys cannot grow
// it; a key pushed out simply starts again with a full bucket, which costs an attacker more keys than it
// saves. Pure: the caller passes the time.
import { BoundedMap } from './boundedMap';

export interface RateLimit {
  burst: number;
  perMinute: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class KeyedRateLimiter {
  private readonly buckets: BoundedMap<string, Bucket>;

  constructor(
    private readonly limit: RateLimit,
    maxKeys = 10_000,
  ) {
    this.buckets = new BoundedMap(maxKeys);
  }

  /** Spends `cost` tokens of `key` when it has them. */
  take(key: string, now: Date, cost = 1): RateDecision {
    const t = now.getTime();
    const refillPerMs = this.limit.perMinute / 60_000;
    const previous = this.buckets.get(key);
    const tokens = previous ? Math.min(this.limit.burst, previous.tokens + (t - previous.at) * refillPerMs) : this.limit.burst;
    if (tokens < cost) {
      this.buckets.set(key, { tokens, at: t });
      return { allowed: false, retryAfterMs: Math.ceil((cost - tokens) / refillPerMs) };
    }
    this.buckets.set(key, { tokens: tokens - cost, at: t });
    return { allowed: true };
  }

  get trackedKeys(): number {
    return this.buckets.size;
  }
}
