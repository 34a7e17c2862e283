// Guessing limits for passwords (OWASP ASVS 5, NIST SP 800-63B): after FREE_FAILURES consecutive failures
// every further try waits longer (30 s, 1, 2, 4, 8, then 15 minutes at most), and an account never takes
// more than 100 failures in an hour. Pure: the service loads the state, asks, and stores the next state.
// It is checked before any hashing, so a blocked guess costs no CPU.

export const THROTTLE = {
  freeFailures: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  hourlyLimit: 100,
  windowMs: 60 * 60_000,
} as const;

export interface ThrottleState {
  /** Consecutive failures since the last success. */
  failedAttempts: number;
  failedAttemptsWindowStart?: Date;
  failedAttemptsInWindow: number;
  lockedUntil?: Date;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Wait imposed after the n-th consecutive failure (0 before FREE_FAILURES). */
export function delayAfter(consecutiveFailures: number): number {
  if (consecutiveFailures < THROTTLE.freeFailures) return 0;
  const doublings = consecutiveFailures - THROTTLE.freeFailures;
  return Math.min(THROTTLE.baseDelayMs * 2 ** Math.min(doublings, 20), THROTTLE.maxDelayMs);
}

function windowOpen(state: ThrottleState, now: Date): boolean {
  return state.failedAttemptsWindowStart !== undefined && now.getTime() - state.failedAttemptsWindowStart.getTime() < THROTTLE.windowMs;
}

export function checkThrottle(state: ThrottleState, now: Date): ThrottleDecision {
  const t = now.getTime();
  let until = state.lockedUntil && state.lockedUntil.getTime() > t ? state.lockedUntil.getTime() : 0;
  if (windowOpen(state, now) && state.failedAttemptsInWindow >= THROTTLE.hourlyLimit) {
    until = Math.max(until, state.failedAttemptsWindowStart!.getTime() + THROTTLE.windowMs);
  }
  return until > t ? { allowed: false, retryAfterMs: until - t } : { allowed: true };
}

/** The state after one more failed attempt at `now`. */
export function afterFailure(state: ThrottleState, now: Date): Required<Omit<ThrottleState, 'lockedUntil'>> & { lockedUntil?: Date } {
  const failedAttempts = state.failedAttempts + 1;
  const inWindow = windowOpen(state, now);
  const failedAttemptsWindowStart = inWindow ? state.failedAttemptsWindowStart! : now;
  const failedAttemptsInWindow = inWindow ? state.failedAttemptsInWindow + 1 : 1;
  const delay = delayAfter(failedAttempts);
  let lockedUntil = delay > 0 ? new Date(now.getTime() + delay) : undefined;
  if (failedAttemptsInWindow >= THROTTLE.hourlyLimit) {
    const windowEnd = new Date(failedAttemptsWindowStart.getTime() + THROTTLE.windowMs);
    if (!lockedUntil || windowEnd > lockedUntil) lockedUntil = windowEnd;
  }
  return { failedAttempts, failedAttemptsWindowStart, failedAttemptsInWindow, lockedUntil };
}
