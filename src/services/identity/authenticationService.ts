// Login, re-authentication and password change. Guessing limits (loginThrottle.ts) are checked before any
// hashing. A document without an account gets the same treatment as one with: the same reply, a decoy
// hash check taking the same time, and the same throttle (kept in rate events, keyed by the typed document).
import type { ClientOrigin } from '../../domain/clientOrigin';
import type { Clock } from '../../domain/clock';
import type { DocumentId } from '../../domain/model';
import type { Logger } from '../../observability/logger';
import type { PasswordHasher, RateLimitEventRepository } from '../ports/identity';
import type { AccountRepository, AffiliateRepository } from '../ports/repositories';
import { afterFailure, checkThrottle, delayAfter, type ThrottleState } from './loginThrottle';
import { makeDecoyHash } from './passwordHasher';
import type { ClientLoginLimits } from './clientLoginLimits';
import type { SubjectKeyFn } from './subjectKey';

export interface AuthenticationDeps {
  affiliates: AffiliateRepository;
  accounts: AccountRepository;
  rateEvents: RateLimitEventRepository;
  hasher: PasswordHasher;
  subjectKey: SubjectKeyFn;
  clock: Clock;
  logger: Logger;
  /** Per-address and global limits (clientLoginLimits.ts); applied when login() is told the origin. */
  clientLimits?: ClientLoginLimits;
}

export type LoginOutcome =
  | { kind: 'ok'; accountId: string; affiliateId: string; firstNames: string; mustChangePassword: boolean }
  /** Wrong document or password (never says which). `retryAfterMs` when this failure started a wait. */
  | { kind: 'invalid'; retryAfterMs?: number }
  | { kind: 'locked'; retryAfterMs: number }
  /** Too many failures from this client (not this account): wait, whatever the document. */
  | { kind: 'slowed'; retryAfterMs: number }
  /** The right temporary password, too late: ask for a new one. Said only once the password is proven. */
  | { kind: 'temp_expired' }
  /** The right password, but the affiliation is no longer Activo (only Activo affiliates use the office: docs/manual-map.md). */
  | { kind: 'not_active' };

export type VerifyOutcome = 'ok' | 'invalid' | 'locked';

const DAY_MS = 24 * 60 * 60_000;

export class AuthenticationService {
  private decoyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthenticationDeps) {}

  async login(document: DocumentId, password: string, origin?: ClientOrigin): Promise<LoginOutcome> {
    const { affiliates, accounts, hasher, clock } = this.deps;
    const now = clock.now();
    const limits = origin ? this.deps.clientLimits : undefined;
    if (limits) {
      const fromHere = await limits.check(origin!, now);
      if (!fromHere.allowed) return { kind: 'slowed', retryAfterMs: fromHere.retryAfterMs };
    }
    const failedFromHere = () => limits?.recordFailure(origin!, now);
    const affiliate = await affiliates.findByDocument(document.type, document.number);
    const account = affiliate ? await accounts.findByAffiliateId(affiliate.id) : undefined;

    if (!account) {
      const key = this.deps.subjectKey(document);
      const state = await this.unknownDocumentState(key, now);
      const decision = checkThrottle(state, now);
      if (!decision.allowed) return { kind: 'locked', retryAfterMs: decision.retryAfterMs };
      await hasher.verify(await this.decoy(), password);
      await this.deps.rateEvents.record('login_failure', key, now);
      await failedFromHere();
      const wait = delayAfter(state.failedAttempts + 1);
      return wait > 0 ? { kind: 'invalid', retryAfterMs: wait } : { kind: 'invalid' };
    }

    const decision = checkThrottle(account, now);
    if (!decision.allowed) return { kind: 'locked', retryAfterMs: decision.retryAfterMs };
    const current = await hasher.verify(account.passwordHash, password);
    // A pending recovery password is tried only when the current one did not match.
    const recovery = !current && account.recoveryPasswordHash !== undefined && (await hasher.verify(account.recoveryPasswordHash, password));
    if (!current && !recovery) {
      const next = afterFailure(account, now);
      await accounts.recordFailure(account.id, next, now);
      await failedFromHere();
      this.deps.logger.info('identity.login_failed', { accountId: account.id, consecutive: next.failedAttempts });
      return next.lockedUntil ? { kind: 'invalid', retryAfterMs: next.lockedUntil.getTime() - now.getTime() } : { kind: 'invalid' };
    }
    const expiresAt = recovery ? account.recoveryExpiresAt : account.mustChangePassword ? account.tempPasswordExpiresAt : undefined;
    if (expiresAt && expiresAt <= now) return { kind: 'temp_expired' };
    if (affiliate!.status !== 'activo') return { kind: 'not_active' };
    if (recovery) {
      // Single use: of two logins racing with the same temporary password only one gets in.
      if (!(await accounts.consumeRecoveryPassword(account.id, account.recoveryPasswordHash!, now))) return { kind: 'invalid' };
    } else {
      await accounts.recordSuccess(account.id, now);
      // The owner still knows the password: a reset someone else asked for is dropped.
      if (account.recoveryPasswordHash !== undefined) await accounts.clearRecoveryPassword(account.id, now);
    }
    const mustChangePassword = recovery || account.mustChangePassword;
    this.deps.logger.info('identity.login', { accountId: account.id, temporary: mustChangePassword });
    return {
      kind: 'ok',
      accountId: account.id,
      affiliateId: account.affiliateId,
      firstNames: affiliate!.firstNames,
      mustChangePassword,
    };
  }

  /** The password again, for a logged-in account (before changing the mobile or e-mail). Same throttle as login. */
  async verifyPassword(accountId: string, password: string): Promise<VerifyOutcome> {
    const { accounts, hasher, clock } = this.deps;
    const now = clock.now();
    const account = await accounts.findById(accountId);
    if (!account) return 'invalid';
    if (!checkThrottle(account, now).allowed) return 'locked';
    if (await hasher.verify(account.passwordHash, password)) {
      await accounts.recordSuccess(account.id, now);
      return 'ok';
    }
    await accounts.recordFailure(account.id, afterFailure(account, now), now);
    return 'invalid';
  }

  /**
   * Sets a password the person chose (the dialog checked the policy). Refuses the current one: a temporary
   * password must really be replaced. Clears the temporary flag and the failure counters.
   */
  async changePassword(accountId: string, newPassword: string): Promise<'changed' | 'same_as_current'> {
    const { accounts, hasher, clock } = this.deps;
    const account = await accounts.findById(accountId);
    if (!account) throw new Error('account vanished during password change');
    if (await hasher.verify(account.passwordHash, newPassword)) return 'same_as_current';
    await accounts.setPassword(accountId, { passwordHash: await hasher.hash(newPassword), mustChangePassword: false }, clock.now());
    this.deps.logger.info('identity.password_changed', { accountId });
    return 'changed';
  }

  /**
   * Throttle state of a document without an account, from its failures of the last day (there is never a
   * success to reset them). The hourly cap needs no window here: the delays alone allow at most 13 an hour.
   */
  private async unknownDocumentState(key: string, now: Date): Promise<ThrottleState> {
    const events = this.deps.rateEvents;
    const [consecutive, last] = await Promise.all([
      events.count('login_failure', key, new Date(now.getTime() - DAY_MS)),
      events.latest('login_failure', key),
    ]);
    const delay = delayAfter(consecutive);
    return {
      failedAttempts: consecutive,
      failedAttemptsInWindow: 0,
      lockedUntil: last && delay > 0 ? new Date(last.getTime() + delay) : undefined,
    };
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= makeDecoyHash(this.deps.hasher);
    return this.decoyHash;
  }
}
