// Registration (the EPS manual's sections 3–6, docs/manual-map.md): only an Activo affiliate whose mobile AND
// document issue date match the records gets an account, with a random temporary password sent by SMS to the
// mobile on file. Until every factor matches, the outcome is the same 'not_verified' whether the document is
// unknown, inactive, registered or mismatched (no enumeration); only then may we say "already registered".
import type { Clock } from '../../domain/clock';
import { ConflictError } from '../../domain/errors';
import type { Affiliate, DocumentId, IsoDate } from '../../domain/model';
import type { Logger } from '../../observability/logger';
import type { PasswordHasher, RateLimitEventRepository } from '../ports/identity';
import type { AccountRepository, AffiliateRepository, ConsentRepository, OutboxRepository } from '../ports/repositories';
import { takeSmsAllowance } from './smsLimits';
import { smsTexts, TEMP_PASSWORD_TTL_MINUTES } from './smsTexts';
import type { SubjectKeyFn } from './subjectKey';

/** Failed attempts per typed document and hour before we stop checking (issue-date guessing). */
export const MAX_REGISTRATION_FAILURES_PER_HOUR = 5;

export interface RegistrationDeps {
  affiliates: AffiliateRepository;
  accounts: AccountRepository;
  consents: ConsentRepository;
  outbox: OutboxRepository;
  rateEvents: RateLimitEventRepository;
  hasher: PasswordHasher;
  subjectKey: SubjectKeyFn;
  generateTemporaryPassword: () => string;
  clock: Clock;
  logger: Logger;
}

export interface RegistrationRequest {
  document: DocumentId;
  /** 10 national digits, as the dialog normalised it. */
  mobile: string;
  issueDate: IsoDate;
  /** The privacy policy version the person was shown and accepted. */
  privacyPolicyVersion: string;
  channel: string;
}

export type RegistrationOutcome =
  | { kind: 'registered'; mobileLastDigits: string; tempPasswordTtlMinutes: number }
  | { kind: 'already_registered' }
  | { kind: 'not_verified' }
  | { kind: 'too_many_attempts' }
  | { kind: 'sms_limit' };

const HOUR_MS = 60 * 60_000;

export function sameMobile(onFile: string | undefined, typed: string): boolean {
  if (!onFile) return false;
  return onFile.replace(/\D/g, '').slice(-10) === typed.replace(/\D/g, '').slice(-10);
}

function factorsMatch(affiliate: Affiliate | undefined, request: RegistrationRequest): affiliate is Affiliate {
  return (
    affiliate !== undefined &&
    affiliate.status === 'activo' &&
    sameMobile(affiliate.mobile, request.mobile) &&
    affiliate.documentIssueDate !== undefined &&
    affiliate.documentIssueDate === request.issueDate
  );
}

export class RegistrationService {
  constructor(private readonly deps: RegistrationDeps) {}

  async register(request: RegistrationRequest): Promise<RegistrationOutcome> {
    const { affiliates, accounts, rateEvents, clock } = this.deps;
    const now = clock.now();
    const key = this.deps.subjectKey(request.document);
    const recentFailures = await rateEvents.count('register_failure', key, new Date(now.getTime() - HOUR_MS));
    if (recentFailures >= MAX_REGISTRATION_FAILURES_PER_HOUR) return { kind: 'too_many_attempts' };

    const affiliate = await affiliates.findByDocument(request.document.type, request.document.number);
    if (!factorsMatch(affiliate, request)) {
      await rateEvents.record('register_failure', key, now);
      // Same work as a real registration, so the response time does not tell the cases apart either.
      await this.deps.hasher.hash(this.deps.generateTemporaryPassword());
      this.deps.logger.info('identity.registration_not_verified', { subject: key.slice(0, 12) });
      return { kind: 'not_verified' };
    }
    if (await accounts.findByAffiliateId(affiliate.id)) return { kind: 'already_registered' };
    if (!(await takeSmsAllowance(rateEvents, key, now))) return { kind: 'sms_limit' };
    return this.createAccount(affiliate, request, now);
  }

  private async createAccount(affiliate: Affiliate, request: RegistrationRequest, now: Date): Promise<RegistrationOutcome> {
    const { accounts, consents, outbox, hasher, logger } = this.deps;
    const password = this.deps.generateTemporaryPassword();
    // Consent first: it is the legal basis for everything that follows.
    await consents.record({
      affiliateId: affiliate.id,
      kind: 'privacy_policy',
      version: request.privacyPolicyVersion,
      acceptedAt: now,
      channel: request.channel,
    });
    let accountId: string;
    try {
      const account = await accounts.create(
        {
          affiliateId: affiliate.id,
          passwordHash: await hasher.hash(password),
          mustChangePassword: true,
          tempPasswordExpiresAt: new Date(now.getTime() + TEMP_PASSWORD_TTL_MINUTES * 60_000),
        },
        now,
      );
      accountId = account.id;
    } catch (error) {
      // Two conversations registering the same person at once: the second one is simply "already registered".
      if (error instanceof ConflictError) return { kind: 'already_registered' };
      throw error;
    }
    await outbox.enqueue({
      kind: 'sms',
      recipient: affiliate.mobile!,
      body: smsTexts.registered(password),
      dedupKey: `registration:${accountId}`,
      createdAt: now,
    });
    logger.info('identity.registered', { accountId });
    return { kind: 'registered', mobileLastDigits: affiliate.mobile!.slice(-4), tempPasswordTtlMinutes: TEMP_PASSWORD_TTL_MINUTES };
  }
}
