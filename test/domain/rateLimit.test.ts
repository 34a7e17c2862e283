// The one token bucket (web chat and the integration API both spend it): a burst, then a steady refill,
// and a wait that says when the next try succeeds.
import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter } from '../../src/domain/rateLimit';

describe('KeyedRateLimiter', () => {
  const at = (ms: number) => new Date(Date.parse('2026-12-01T15:00:00.000Z') + ms);

  it('allows the burst, then refuses with the wait until a token is back, and gives it back with time', () => {
    const limiter = new KeyedRateLimiter({ burst: 2, perMinute: 60 });
    expect([limiter.take('k', at(0)), limiter.take('k', at(0))]).toEqual([{ allowed: true }, { allowed: true }]);
    expect(limiter.take('k', at(0))).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(limiter.take('k', at(1000))).toEqual({ allowed: true });
  });

  it('keeps each key to its own budget', () => {
    const limiter = new KeyedRateLimiter({ burst: 1, perMinute: 1 });
    expect(limiter.take('a', at(0))).toEqual({ allowed: true });
    expect(limiter.take('a', at(0)).allowed).toBe(false);
    expect(limiter.take('b', at(0))).toEqual({ allowed: true });
  });

  it('keeps at most maxKeys keys however many people come, and still limits the ones still spending', () => {
    const limiter = new KeyedRateLimiter({ burst: 1, perMinute: 1 }, 100);
    for (let person = 0; person < 10_000; person++) {
      expect(limiter.take(`10.0.${person >> 8}.${person & 255}`, at(person))).toEqual({ allowed: true });
      expect(limiter.take('busy', at(person)).allowed).toBe(person === 0);
    }
    expect(limiter.trackedKeys).toBe(100);
  });
});
