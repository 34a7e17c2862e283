// The back office's view of filed requests: the queue (closest due date first, overdue marked), a
// request's detail with the affiliate's context, and its PDFs. Every opening is audited.
import { QUEUE_STATUSES, type DecisionActor } from '../../domain/backOffice/requestDecision';
import { bogotaDate, calendarDaysBetween } from '../../domain/bogotaTime';
import type { Clock } from '../../domain/clock';
import { NotFoundError } from '../../domain/errors';
import type { Affiliate, Authorization, AuthorizationRequest, AuthorizationRequestStatus, Ips, RequestAttachment } from '../../domain/model';
import type { BackOfficeAuditRepository, DecisionStore, QueueCursor, QueuedRequest, StoredDecision } from '../ports/backOffice';
import type { AffiliateRepository, AuthorizationRepository, AuthorizationRequestRepository, IpsRepository } from '../ports/repositories';

export interface QueueItem extends QueuedRequest {
  overdue: boolean;
  /** Calendar days since filing (Bogotá). */
  ageDays: number;
}

export interface RequestDetail {
  request: AuthorizationRequest;
  affiliate: Affiliate;
  ips?: Ips;
  attachments: RequestAttachment[];
  decisions: StoredDecision[];
  authorization?: Authorization;
  overdue: boolean;
}

export interface QueueQuery {
  statuses?: readonly AuthorizationRequestStatus[];
  municipalityCode?: string;
  /** Only requests filed at least this many days ago. */
  minAgeDays?: number;
  after?: QueueCursor;
  limit?: number;
}

export class RequestQueueService {
  constructor(
    private readonly deps: {
      store: DecisionStore;
      requests: Pick<AuthorizationRequestRepository, 'findByFilingNumber' | 'listAttachments'>;
      affiliates: Pick<AffiliateRepository, 'findById'>;
      authorizations: Pick<AuthorizationRepository, 'findByRequest'>;
      ips: Pick<IpsRepository, 'findByCode'>;
      audit: BackOfficeAuditRepository;
      clock: Clock;
    },
  ) {}

  async queue(query: QueueQuery = {}): Promise<QueueItem[]> {
    const now = this.deps.clock.now();
    const filedBefore = query.minAgeDays ? new Date(now.getTime() - query.minAgeDays * 86_400_000) : undefined;
    const rows = await this.deps.store.queue({
      statuses: query.statuses?.length ? query.statuses : QUEUE_STATUSES,
      municipalityCode: query.municipalityCode,
      filedBefore,
      after: query.after,
      limit: Math.min(query.limit ?? 50, 200),
    });
    const today = bogotaDate(now);
    return rows.map((row) => ({
      ...row,
      overdue: this.isOverdue(row.request, today),
      ageDays: calendarDaysBetween(bogotaDate(row.request.createdAt), today),
    }));
  }

  /** Without an actor nothing is audited (the integration API audits its own reads by key). */
  async detail(filingNumber: string, actor?: DecisionActor): Promise<RequestDetail> {
    const request = await this.deps.requests.findByFilingNumber(filingNumber);
    if (!request) throw new NotFoundError('authorization request');
    const affiliate = await this.deps.affiliates.findById(request.affiliateId);
    if (!affiliate) throw new NotFoundError('affiliate');
    const [attachments, decisions, authorization, ips] = await Promise.all([
      this.deps.requests.listAttachments(request.id),
      this.deps.store.listDecisions(request.id),
      this.deps.authorizations.findByRequest(request.id),
      affiliate.ipsCode ? this.deps.ips.findByCode(affiliate.ipsCode) : Promise.resolve(undefined),
    ]);
    if (actor) await this.deps.audit.record({ actor, action: 'view_request', subject: request.filingNumber, at: this.deps.clock.now() });
    return { request, affiliate, ips, attachments, decisions, authorization, overdue: this.isOverdue(request, bogotaDate(this.deps.clock.now())) };
  }

  /** One support of the request (by its id), audited; NotFoundError for anything else. */
  async openSupport(filingNumber: string, attachmentId: string, actor: DecisionActor): Promise<RequestAttachment> {
    const request = await this.deps.requests.findByFilingNumber(filingNumber);
    if (!request) throw new NotFoundError('authorization request');
    const attachment = (await this.deps.requests.listAttachments(request.id)).find((a) => a.id === attachmentId);
    if (!attachment) throw new NotFoundError('support');
    await this.deps.audit.record({ actor, action: 'open_support', subject: request.filingNumber, detail: `attachment ${attachment.id}`, at: this.deps.clock.now() });
    return attachment;
  }

  private isOverdue(request: AuthorizationRequest, today: string): boolean {
    return QUEUE_STATUSES.includes(request.status) && request.dueDate < today;
  }
}
