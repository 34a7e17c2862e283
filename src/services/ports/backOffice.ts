// What deciding requests and answering PQRDS needs from storage. One commit per decision writes the
// request's new status, the issued authorization, the decision, its audit line and the outbox notices
// in one transaction: a crash leaves all of it or none, and the notices go out exactly once.
import type { DecisionActor, DecisionKind } from '../../domain/backOffice/requestDecision';
import type {
  Authorization,
  AuthorizationRequest,
  AuthorizationRequestStatus,
  DocumentTypeCode,
  NewOutboxMessage,
  NewRequestAttachment,
  Pqrds,
  PqrdsStatus,
} from '../../domain/model';

export interface StoredDecision {
  id: string;
  requestId: string;
  kind: DecisionKind;
  actor: DecisionActor;
  reasonCode?: string;
  detail?: string;
  message?: string;
  authorizationId?: string;
  decidedAt: Date;
}

export type BackOfficeAction =
  | 'decide_approve'
  | 'decide_reject'
  | 'decide_request_supports'
  | 'supports_added'
  | 'view_request'
  | 'open_support'
  | 'answer_pqrds'
  | 'close_pqrds'
  | 'view_pqrds';

export interface BackOfficeAuditEntry {
  // 'affiliate': the affiliate's own change from chat (new supports).
  actor: { kind: DecisionActor['kind'] | 'affiliate'; id: string };
  action: BackOfficeAction;
  /** The filing number or PQRDS code. */
  subject: string;
  fromStatus?: string;
  toStatus?: string;
  /** Technical detail only (an authorization number, a reason code, a file id): never typed text. */
  detail?: string;
  at: Date;
}

export interface BackOfficeAuditRepository {
  record(entry: BackOfficeAuditEntry): Promise<void>;
  /** Newest first. */
  listBySubject(subject: string): Promise<BackOfficeAuditEntry[]>;
}

export interface DecisionCommit {
  requestId: string;
  /** The status read before deciding; the commit fails when another decision changed it meanwhile. */
  expectedStatus: AuthorizationRequestStatus;
  nextStatus: AuthorizationRequestStatus;
  requestChanges: { justification?: string; rejectionReason?: string; serviceCode?: string; serviceName?: string };
  authorization?: Authorization;
  decision: StoredDecision;
  audit: BackOfficeAuditEntry;
  notices: NewOutboxMessage[];
}

export interface QueueFilter {
  statuses: readonly AuthorizationRequestStatus[];
  municipalityCode?: string;
  /** Only requests filed before this instant (the "age" filter). */
  filedBefore?: Date;
  /** Keyset pagination: the last item of the previous page. */
  after?: QueueCursor;
  limit: number;
}

export interface QueueCursor {
  dueDate: string;
  createdAt: string;
  id: string;
}

export interface QueuedRequest {
  request: AuthorizationRequest;
  affiliate: { id: string; documentType: DocumentTypeCode; documentNumber: string; fullName: string };
}

export interface DecisionStore {
  /** All of it in one transaction; false when the request is no longer in expectedStatus. */
  commit(change: DecisionCommit, now: Date): Promise<boolean>;
  /** Newest first. */
  listDecisions(requestId: string): Promise<StoredDecision[]>;
  /** The next authorization number of the (Bogotá) year, e.g. 2026100001. */
  nextAuthorizationNumber(now: Date): Promise<string>;
  /** Oldest due date first, then oldest filing. */
  queue(filter: QueueFilter): Promise<QueuedRequest[]>;
  /**
   * The affiliate's new supports for a request in pendiente_soportes: attachments added and the request
   * back to radicada, with its audit line, in one transaction; false when the status changed meanwhile.
   */
  addSupports(requestId: string, attachments: NewRequestAttachment[], audit: BackOfficeAuditEntry, now: Date): Promise<boolean>;
}

export interface PqrdsCursor {
  dueAt: string;
  id: string;
}

export interface PqrdsAnswerCommit {
  pqrdsId: string;
  expectedStatus: PqrdsStatus;
  nextStatus: PqrdsStatus;
  answer?: string;
  audit: BackOfficeAuditEntry;
  notices: NewOutboxMessage[];
}

export interface PqrdsQueueStore {
  findByCode(code: string): Promise<Pqrds | undefined>;
  /** Closest legal due date first. */
  queue(filter: { statuses: readonly PqrdsStatus[]; after?: PqrdsCursor; limit: number }): Promise<Pqrds[]>;
  commitAnswer(change: PqrdsAnswerCommit, now: Date): Promise<boolean>;
}

/** A notice kept for the affiliate's next message in chat ("Tienes novedades"). */
export interface AffiliateNotice {
  id: string;
  affiliateId: string;
  sourceKey: string;
  text: string;
  createdAt: Date;
}

export interface AffiliateNoticeStore {
  /** Keeps one notice per sourceKey (a retried delivery adds nothing). */
  keep(notice: Omit<AffiliateNotice, 'id'>): Promise<void>;
  /** Not yet shown, oldest first. */
  pending(affiliateId: string): Promise<AffiliateNotice[]>;
  markShown(ids: string[], now: Date): Promise<void>;
}
