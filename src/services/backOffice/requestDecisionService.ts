// Deciding an authorization request, for the back-office pages and the integration API alike: checks the
// terms against the catalogue (CUPS service, IPS), the reason against the list, the transition in one pure
// function, and commits the decision with the issued authorization, its audit line and the affiliate's
// notices (SMS, e-mail, chat) in one transaction. The same decision again answers what was decided; a
// different one is refused.
import { randomUUID } from 'node:crypto';
import {
  ApprovalTerms,
  DecisionActor,
  DecisionInput,
  MAX_COPAY_PESOS,
  MAX_QUANTITY,
  MAX_VALIDITY_DAYS,
  MESSAGE_MAX_CHARS,
  MESSAGE_MIN_CHARS,
  nextRequestStatus,
} from '../../domain/backOffice/requestDecision';
import { bogotaDate, calendarDaysBetween, isIsoDate } from '../../domain/bogotaTime';
import type { Clock } from '../../domain/clock';
import { ConflictError, DomainError, NotFoundError } from '../../domain/errors';
import { maskName } from '../../domain/masking';
import { type Affiliate, type Authorization, type AuthorizationRequest, fullName } from '../../domain/model';
import { formatSpanishDate } from '../../domain/spanishDate';
import type { Logger } from '../../observability/logger';
import type { BackOfficeAuditEntry, DecisionCommit, DecisionStore, StoredDecision } from '../ports/backOffice';
import type {
  AccountRepository,
  AffiliateRepository,
  AuthorizationRepository,
  AuthorizationRequestRepository,
  IpsRepository,
  ServiceCatalogueRepository,
} from '../ports/repositories';
import { newVerificationCode } from '../selfService/certificateCode';
import { ChatNotice, noticeMessages, NoticeRecipients } from './affiliateNotices';
import { decisionTexts, pesos } from './decisionTexts';
import { rejectionReasons } from './rejectionReasons';

/** A value the caller sent that cannot be used; `field` names it (422 in the API). */
export class DecisionValidationError extends DomainError {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super('validation_failed', message);
  }
}

export interface DecisionOutcome {
  request: AuthorizationRequest;
  decision: StoredDecision;
  authorization?: Authorization;
  /** True when this same decision had already been taken: nothing new was written or sent. */
  replayed: boolean;
}

export interface RequestDecisionDeps {
  requests: Pick<AuthorizationRequestRepository, 'findByFilingNumber'>;
  authorizations: Pick<AuthorizationRepository, 'findByRequest'>;
  affiliates: Pick<AffiliateRepository, 'findById'>;
  accounts: Pick<AccountRepository, 'findById'>;
  catalogue: Pick<ServiceCatalogueRepository, 'findByCode'>;
  ips: Pick<IpsRepository, 'findByCode'>;
  store: DecisionStore;
  clock: Clock;
  logger: Logger;
  /** PUBLIC_URL: the verification link of an authorization is `${publicUrl}/autorizaciones/{code}`. */
  publicUrl: string;
  newCode?: () => string;
}

export class RequestDecisionService {
  constructor(private readonly deps: RequestDecisionDeps) {}

  verificationUrl(code: string): string {
    return `${this.deps.publicUrl.replace(/\/+$/, '')}/autorizaciones/${code}`;
  }

  async decide(actor: DecisionActor, filingNumber: string, input: DecisionInput): Promise<DecisionOutcome> {
    const request = await this.find(filingNumber);
    const transition = nextRequestStatus(request.status, input.decision);
    if (!transition.ok) {
      if (transition.code === 'same_decision') return this.replay(request);
      throw new ConflictError(transition.code, transition.code === 'request_already_decided' ? 'a different decision was already taken' : 'not possible in this status');
    }
    const now = this.deps.clock.now();
    const member = await this.affiliate(request.affiliateId);
    const recipients = await this.recipients(request, member);
    const decisionId = randomUUID();
    const decision: StoredDecision = { id: decisionId, requestId: request.id, kind: input.decision, actor, decidedAt: now };
    const audit: BackOfficeAuditEntry = {
      actor,
      action: `decide_${input.decision}`,
      subject: request.filingNumber,
      fromStatus: request.status,
      toStatus: transition.next,
      at: now,
    };
    const commit: DecisionCommit = {
      requestId: request.id,
      expectedStatus: request.status,
      nextStatus: transition.next,
      requestChanges: {},
      decision,
      audit,
      notices: [],
    };
    const memberName = fullName(member);
    const initials = maskName(memberName);
    const base = { key: `decision:${decisionId}`, at: now };

    if (input.decision === 'approve') {
      const terms = await this.checkTerms(input.authorization, now);
      const number = input.authorization.number?.trim() || (await this.deps.store.nextAuthorizationNumber(now));
      const code = (this.deps.newCode ?? (() => newVerificationCode('AUTZ')))();
      const authorization: Authorization = {
        id: randomUUID(),
        number,
        affiliateId: member.id,
        serviceCode: terms.service.code,
        serviceName: terms.service.name,
        providerIpsCode: terms.ips.code,
        status: 'activa',
        issuedAt: bogotaDate(now),
        expiresAt: input.authorization.validUntil,
        requestId: request.id,
        quantity: input.authorization.quantity,
        validFrom: input.authorization.validFrom,
        copayPesos: input.authorization.copayPesos,
        verificationCode: code,
      };
      commit.authorization = authorization;
      decision.authorizationId = authorization.id;
      audit.detail = `authorization ${number}`;
      commit.requestChanges = {
        serviceCode: terms.service.code,
        serviceName: terms.service.name,
        justification: `Autorización N.º ${number} en ${terms.ips.name}.`,
      };
      const until = formatSpanishDate(authorization.expiresAt);
      const lines = decisionTexts.approvedLines({
        filingNumber: request.filingNumber,
        memberName,
        number,
        service: `${terms.service.name} (${terms.service.code})`,
        ips: `${terms.ips.name}, ${terms.ips.address}, tel. ${terms.ips.phone}`,
        quantity: authorization.quantity ?? 1,
        from: formatSpanishDate(input.authorization.validFrom),
        until,
        copay: pesos(input.authorization.copayPesos),
        code,
        url: this.verificationUrl(code),
      });
      commit.notices = this.notices(recipients, {
        ...base,
        sms: decisionTexts.approvedSms(request.filingNumber, number, initials, until),
        subject: decisionTexts.subject(request.filingNumber, decisionTexts.outcome.approve),
        lines,
        chat: { text: [...lines, decisionTexts.pdfHint].join('\n'), template: { kind: 'request_approved', params: [request.filingNumber, number] }, authorizationId: authorization.id },
      });
    } else if (input.decision === 'reject') {
      const reason = rejectionReasons().find((r) => r.code === input.reason);
      if (!reason) throw new DecisionValidationError('reason', 'unknown rejection reason');
      const detail = this.text('detail', input.detail, 0);
      decision.reasonCode = reason.code;
      decision.detail = detail;
      audit.detail = `reason ${reason.code}`;
      commit.requestChanges = { rejectionReason: detail ? `${reason.label}. ${detail}` : reason.label };
      const lines = decisionTexts.rejectedLines({ filingNumber: request.filingNumber, memberName, reason: reason.label, detail });
      commit.notices = this.notices(recipients, {
        ...base,
        sms: decisionTexts.rejectedSms(request.filingNumber, initials),
        subject: decisionTexts.subject(request.filingNumber, decisionTexts.outcome.reject),
        lines,
        chat: { text: lines.join('\n'), template: { kind: 'request_rejected', params: [request.filingNumber] } },
      });
    } else {
      const message = this.text('message', input.message, MESSAGE_MIN_CHARS)!;
      decision.message = message;
      commit.requestChanges = { justification: message };
      const lines = decisionTexts.supportsLines({ filingNumber: request.filingNumber, memberName, message });
      commit.notices = this.notices(recipients, {
        ...base,
        sms: decisionTexts.supportsSms(request.filingNumber, initials),
        subject: decisionTexts.subject(request.filingNumber, decisionTexts.outcome.request_supports),
        lines,
        chat: { text: lines.join('\n'), template: { kind: 'supports_requested', params: [request.filingNumber] } },
      });
    }

    const written = await this.deps.store.commit(commit, now);
    if (!written) {
      // Another decision landed between our read and our write: answer as if it had come first.
      const current = await this.find(filingNumber);
      const again = nextRequestStatus(current.status, input.decision);
      if (!again.ok && again.code === 'same_decision') return this.replay(current);
      throw new ConflictError('request_already_decided', 'a different decision was already taken');
    }
    this.deps.logger.info('authorization_request.decided', { requestId: request.id, decision: input.decision, actorKind: actor.kind });
    return { request: { ...request, status: transition.next, ...commit.requestChanges, updatedAt: now }, decision, authorization: commit.authorization, replayed: false };
  }

  async find(filingNumber: string): Promise<AuthorizationRequest> {
    const request = await this.deps.requests.findByFilingNumber(filingNumber);
    if (!request) throw new NotFoundError('authorization request');
    return request;
  }

  /** The decision already recorded for a decided request (and its authorization). */
  async latestDecision(request: AuthorizationRequest): Promise<{ decision?: StoredDecision; authorization?: Authorization }> {
    const [decision] = await this.deps.store.listDecisions(request.id);
    const authorization = request.status === 'aprobada' ? await this.deps.authorizations.findByRequest(request.id) : undefined;
    return { decision, authorization };
  }

  private async replay(request: AuthorizationRequest): Promise<DecisionOutcome> {
    const { decision, authorization } = await this.latestDecision(request);
    // Demo requests decided before decisions were recorded have no decision row: a different caller's decision.
    if (!decision) throw new ConflictError('request_already_decided', 'decided before');
    return { request, decision, authorization, replayed: true };
  }

  private async checkTerms(terms: ApprovalTerms, now: Date) {
    const service = await this.deps.catalogue.findByCode(String(terms.serviceCode ?? ''));
    if (!service) throw new DecisionValidationError('authorization.serviceCode', 'not a service of the catalogue');
    const ips = await this.deps.ips.findByCode(String(terms.ipsCode ?? ''));
    if (!ips) throw new DecisionValidationError('authorization.ipsCode', 'not an IPS of the network');
    if (!Number.isInteger(terms.quantity) || terms.quantity < 1 || terms.quantity > MAX_QUANTITY) {
      throw new DecisionValidationError('authorization.quantity', `must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    if (!Number.isInteger(terms.copayPesos) || terms.copayPesos < 0 || terms.copayPesos > MAX_COPAY_PESOS) {
      throw new DecisionValidationError('authorization.copay', 'must be whole pesos, 0 or more');
    }
    if (!isIsoDate(terms.validFrom)) throw new DecisionValidationError('authorization.validFrom', 'must be a date YYYY-MM-DD');
    if (!isIsoDate(terms.validUntil)) throw new DecisionValidationError('authorization.validUntil', 'must be a date YYYY-MM-DD');
    if (calendarDaysBetween(bogotaDate(now), terms.validUntil) < 0) throw new DecisionValidationError('authorization.validUntil', 'already past');
    const span = calendarDaysBetween(terms.validFrom, terms.validUntil);
    if (span < 0 || span > MAX_VALIDITY_DAYS) throw new DecisionValidationError('authorization.validUntil', `must be on or after validFrom, within ${MAX_VALIDITY_DAYS} days`);
    if (terms.number !== undefined && !/^[A-Za-z0-9-]{4,30}$/.test(terms.number.trim())) {
      throw new DecisionValidationError('authorization.number', '4 to 30 letters, digits or hyphens');
    }
    return { service, ips };
  }

  private text(field: string, value: string | undefined, min: number): string | undefined {
    const trimmed = (value ?? '').trim();
    if (trimmed.length === 0 && min === 0) return undefined;
    if (trimmed.length < min || trimmed.length > MESSAGE_MAX_CHARS) throw new DecisionValidationError(field, `${min} to ${MESSAGE_MAX_CHARS} characters`);
    return trimmed;
  }

  private async affiliate(id: string): Promise<Affiliate> {
    const found = await this.deps.affiliates.findById(id);
    if (!found) throw new NotFoundError('affiliate');
    return found;
  }

  /** SMS and e-mail to the member, or to the filer when the member has none (a child); chat to the filer. */
  private async recipients(request: AuthorizationRequest, member: Affiliate): Promise<NoticeRecipients> {
    const account = await this.deps.accounts.findById(request.filedByAccountId);
    const filer = account ? await this.deps.affiliates.findById(account.affiliateId) : undefined;
    return { mobile: member.mobile ?? filer?.mobile, email: member.email ?? filer?.email, chatAffiliateId: filer?.id };
  }

  private notices(to: NoticeRecipients, c: { key: string; at: Date; sms: string; subject: string; lines: string[]; chat: ChatNotice }) {
    return noticeMessages(to, {
      key: c.key,
      at: c.at,
      sms: c.sms,
      emailSubject: c.subject,
      emailBody: ['Hola,', '', ...c.lines, ...decisionTexts.emailClosing].join('\n'),
      chat: c.chat,
    });
  }
}
