// "Olvidé mi contraseña": a new temporary password by SMS, only to the mobile on file, only when the document
// and its issue date match an Activo affiliate with an account. The outcome is 'accepted' either way (the
// reply says "if the data match, you will get an SMS"), so nobody learns who is registered.
// The current password keeps working: the temporary one waits beside it (30 minutes, single use, to be
// changed at once), so a stranger who knows a document and its issue date cannot lock the owner out.
import type { Clock } from '../../domain/clock';
import type { DocumentId, IsoDate } from '../../domain/model';
import type { Logger } from '../../observability/logger';
import type { PasswordHasher, RateLimitEventRepository } from '../ports/identity';
import type { AccountRepository, AffiliateRepository, OutboxRepository } from '../ports/repositories';
import { takeSmsAllowance } from './smsLimits';
import { smsTexts, TEMP_PASSWORD_TTL_MINUTES } from './smsTexts';
import type { SubjectKeyFn } from './subjectKey';

export interface PasswordRecoveryDeps {
  affiliates: AffiliateRepository;
  accounts: AccountRepository;
  outbox: OutboxRepository;
  rateEvents: RateLimitEventRepository;
  hasher: PasswordHasher;
  subjectKey: SubjectKeyFn;
  generateTemporaryPassword: () => string;
  clock: Clock;
  logger: Logger;
}

export type RecoveryOutcome = { kind: 'accepted' } | { kind: 'too_many_requests' };

export class PasswordRecoveryService {
  constructor(private readonly deps: PasswordRecoveryDeps) {}

  async requestRecovery(document: DocumentId, issueDate: IsoDate): Promise<RecoveryOutcome> {
    const { affiliates, accounts, outbox, rateEvents, hasher, clock, logger } = this.deps;
    const now = clock.now();
    // Every request counts, matching or not: the limit must look the same for every document.
    if (!(await takeSmsAllowance(rateEvents, this.deps.subjectKey(document), now))) return { kind: 'too_many_requests' };

    const password = this.deps.generateTemporaryPassword();
    const passwordHash = await hasher.hash(password); // hashed on every path: equal response times
    const affiliate = await affiliates.findByDocument(document.type, document.number);
    const account = affiliate ? await accounts.findByAffiliateId(affiliate.id) : undefined;
    const matches =
      affiliate !== undefined &&
      account !== undefined &&
      affiliate.status === 'activo' &&
      affiliate.mobile !== undefined &&
      affiliate.documentIssueDate === issueDate;
    if (!matches) return { kind: 'accepted' };

    await accounts.setRecoveryPassword(account.id, { passwordHash, expiresAt: new Date(now.getTime() + TEMP_PASSWORD_TTL_MINUTES * 60_000) }, now);
    await outbox.enqueue({
      kind: 'sms',
      recipient: affiliate.mobile!,
      body: smsTexts.recovered(password),
      dedupKey: `recovery:${account.id}:${now.getTime()}`,
      createdAt: now,
    });
    logger.info('identity.recovery_sent', { accountId: account.id });
    return { kind: 'accepted' };
  }
}
