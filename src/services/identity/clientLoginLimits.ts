// Limits on affiliate logins by where they come from, next to the per-account ones: without them one client
// could try one password on thousands of documents, never tripping any account's limit. Per address,
// guessing slows down (10 free failures an hour, then 30 s doubling up to 5 minutes): a slow-down, not a
// lock, because many people may share one address. Across everyone, past GLOBAL_FAILURES_PER_HOUR failed
// logins in an hour (a spray from many addresses), an address that already failed in the last hour waits;
// addresses without failures, like an owner typing her password right, are never held back by others.
import type { ClientOrigin } from '../../domain/clientOrigin';
import type { RateLimitEventRepository } from '../ports/identity';
import type { ThrottleDecision } from './loginThrottle';
import { RateEventThrottle, rateSubjectKeyer } from './rateEventThrottle';

export const LOGIN_ADDRESS_THROTTLE = { scope: 'login_fail_addr', freeFailures: 10, baseDelayMs: 30_000, maxDelayMs: 5 * 60_000, windowMs: 60 * 60_000 } as const;
export const GLOBAL_FAILURES_PER_HOUR = 500;
const GLOBAL_SCOPE = 'login_fail_all';
const GLOBAL_SUBJECT = 'all';
const GLOBAL_WAIT_MS = 5 * 60_000;
const HOUR_MS = 60 * 60_000;

export class ClientLoginLimits {
  private readonly address: RateEventThrottle;
  private readonly key: (kind: string, value: string) => string;

  constructor(
    private readonly events: RateLimitEventRepository,
    secret: string,
    private readonly globalFailuresPerHour = GLOBAL_FAILURES_PER_HOUR,
  ) {
    this.address = new RateEventThrottle(events, LOGIN_ADDRESS_THROTTLE);
    this.key = rateSubjectKeyer(secret);
  }

  /** Checked before any hashing, so a refused try costs no CPU. */
  async check(origin: ClientOrigin, now: Date): Promise<ThrottleDecision> {
    const addressKey = this.key('address', origin.address);
    const decision = await this.address.check(addressKey, now);
    if (!decision.allowed) return decision;
    const everyone = await this.events.count(GLOBAL_SCOPE, GLOBAL_SUBJECT, new Date(now.getTime() - HOUR_MS));
    if (everyone >= this.globalFailuresPerHour && (await this.address.failures(addressKey, now)) > 0) {
      return { allowed: false, retryAfterMs: GLOBAL_WAIT_MS };
    }
    return { allowed: true };
  }

  async recordFailure(origin: ClientOrigin, now: Date): Promise<void> {
    await this.address.recordFailure(this.key('address', origin.address), now);
    await this.events.record(GLOBAL_SCOPE, GLOBAL_SUBJECT, now);
  }
}
