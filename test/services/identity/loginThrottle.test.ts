import { describe, expect, it } from 'vitest';
import { afterFailure, checkThrottle, delayAfter, THROTTLE, type ThrottleState } from '../../../src/services/identity/loginThrottle';

const start = new Date('2026-11-27T15:00:00.000Z');
const fresh: ThrottleState = { failedAttempts: 0, failedAttemptsInWindow: 0 };

describe('login throttle', () => {
  it('lets 4 failures pass, then waits 30 s, 1, 2, 4, 8 and at most 15 minutes', () => {
    expect([1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map((n) => delayAfter(n) / 1000)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  // Ten free guesses at most: after that every guess must cost the guesser time (src/services/identity/loginThrottle.ts).
  it('starts the progressive delay no later than the 10th consecutive failure', () => {
    expect(THROTTLE.freeFailures).toBeLessThanOrEqual(10);
  });

  it('blocks until the delay ends, then allows one more try', () => {
    let state: ThrottleState = fresh;
    for (let i = 0; i < 5; i++) state = afterFailure(state, start);
    expect(checkThrottle(state, start)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(checkThrottle(state, new Date(start.getTime() + 29_999))).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(checkThrottle(state, new Date(start.getTime() + 30_000))).toEqual({ allowed: true });
  });

  it('never allows more than 100 failures in an hour, even if consecutive counts were reset by successes', () => {
    // A success resets consecutive failures but not the hourly window: 4 failures, 1 success, repeated.
    let state: ThrottleState = fresh;
    let t = start.getTime();
    let failures = 0;
    while (checkThrottle(state, new Date(t)).allowed && t < start.getTime() + THROTTLE.windowMs) {
      state = afterFailure(state, new Date(t));
      failures += 1;
      if (state.failedAttempts === 4) state = { ...state, failedAttempts: 0, lockedUntil: undefined };
      t += 1_000;
    }
    expect(failures).toBe(100);
    const decision = checkThrottle(state, new Date(t));
    expect(decision.allowed).toBe(false);
    // Blocked until the hour that started with the first failure is over.
    expect(t + (decision as { retryAfterMs: number }).retryAfterMs).toBe(start.getTime() + THROTTLE.windowMs);
  });

  it('opens a new hourly window after an hour', () => {
    const state = afterFailure({ failedAttempts: 0, failedAttemptsInWindow: 99, failedAttemptsWindowStart: start }, new Date(start.getTime() + THROTTLE.windowMs));
    expect(state.failedAttemptsInWindow).toBe(1);
    expect(state.failedAttemptsWindowStart.getTime()).toBe(start.getTime() + THROTTLE.windowMs);
  });
});
