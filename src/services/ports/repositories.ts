// Persistence ports, one per aggregate. Storage implements them with Knex (src/storage/repositories/);
// tests may use in-memory fakes. Every method speaks domain types only.
import type {
  Account,
  Affiliate,
  AffiliateContactUpdate,
  Authorization,
  AuthorizationRequest,
  AuthorizationRequestStatus,
  Consent,
  ConsentKind,
  ConversationReferenceRecord,
  Department,
  DocumentType,
  DocumentTypeCode,
  Ips,
  Municipality,
  NewAccount,
  NewAuthorizationRequest,
  NewConsent,
  NewOutboxMessage,
  NewPqrds,
  NewRequestAttachment,
  OutboxKind,
  OutboxMessage,
  Pqrds,
  PqrdsStatus,
  RequestAttachment,
  ServiceCatalogueEntry,
} from '../../domain/model';

export interface AffiliateRepository {
  findById(id: string): Promise<Affiliate | undefined>;
  findByDocument(type: DocumentTypeCode, number: string): Promise<Affiliate | undefined>;
  /** Every member of the nucleus, head first, then by birth date (oldest first). */
  listFamilyNucleus(familyNucleusId: string): Promise<Affiliate[]>;
  /** Changes only the given fields (null clears the e-mail); returns the updated affiliate. */
  updateContact(id: string, changes: AffiliateContactUpdate, now: Date): Promise<Affiliate>;
}

export interface AccountRepository {
  findById(id: string): Promise<Account | undefined>;
  findByAffiliateId(affiliateId: string): Promise<Account | undefined>;
  /** Throws ConflictError('account_exists') when the affiliate already has one. */
  create(account: NewAccount, now: Date): Promise<Account>;
  /** Sets a new hash (a chosen password or a fresh temporary one) and clears the failure counters. */
  setPassword(
    id: string,
    change: { passwordHash: string; mustChangePassword: boolean; tempPasswordExpiresAt?: Date },
    now: Date,
  ): Promise<void>;
  /** Records one failed login; counters and lock are decided by the caller (the auth service). */
  recordFailure(
    id: string,
    state: { failedAttempts: number; failedAttemptsWindowStart: Date; failedAttemptsInWindow: number; lockedUntil?: Date },
    now: Date,
  ): Promise<void>;
  /** Resets consecutive failures and lock, stamps last login. */
  recordSuccess(id: string, now: Date): Promise<void>;
  /** Keeps a temporary recovery password beside the current one (replacing an earlier one). */
  setRecoveryPassword(id: string, recovery: { passwordHash: string; expiresAt: Date }, now: Date): Promise<void>;
  /**
   * Uses up the recovery password if it is still `passwordHash`: true for exactly one caller, so two
   * simultaneous logins with it cannot both succeed. Also clears the failure counters and stamps the login.
   */
  consumeRecoveryPassword(id: string, passwordHash: string, now: Date): Promise<boolean>;
  /** Forgets a pending recovery password (the owner logged in with the current one). */
  clearRecoveryPassword(id: string, now: Date): Promise<void>;
}

export interface ConsentRepository {
  record(consent: NewConsent): Promise<Consent>;
  /** The newest consent of that kind, if any. */
  latest(affiliateId: string, kind: ConsentKind): Promise<Consent | undefined>;
  listByAffiliate(affiliateId: string): Promise<Consent[]>;
}

export interface AuthorizationRequestRepository {
  /**
   * Files a request with the next AUT-YYYY-NNNNNN number of createdAt's year (Bogotá calendar year) and its
   * attachments, in one transaction. Numbers are unique and gap-free per year under concurrent calls.
   * With an idempotencyKey already used, returns the existing request instead of filing another.
   */
  create(request: NewAuthorizationRequest, attachments: NewRequestAttachment[]): Promise<AuthorizationRequest>;
  findById(id: string): Promise<AuthorizationRequest | undefined>;
  findByFilingNumber(filingNumber: string): Promise<AuthorizationRequest | undefined>;
  findByIdempotencyKey(key: string): Promise<AuthorizationRequest | undefined>;
  /** Newest first. */
  listByAffiliate(affiliateId: string): Promise<AuthorizationRequest[]>;
  listAttachments(requestId: string): Promise<RequestAttachment[]>;
  updateStatus(
    id: string,
    change: { status: AuthorizationRequestStatus; justification?: string; rejectionReason?: string },
    now: Date,
  ): Promise<void>;
}

export interface AuthorizationRepository {
  /**
   * Newest issued first. `service` filters by CUPS code (exact or prefix when all digits) or by name
   * (contains, ignoring case and accents: "resonancia" finds "Resonancia magnética…").
   */
  listByAffiliate(affiliateId: string, filter?: { service?: string }): Promise<Authorization[]>;
  findByNumber(number: string): Promise<Authorization | undefined>;
  findById(id: string): Promise<Authorization | undefined>;
  findByVerificationCode(code: string): Promise<Authorization | undefined>;
  /** The authorization a decision issued for this request, if any. */
  findByRequest(requestId: string): Promise<Authorization | undefined>;
}

export interface ServiceCatalogueRepository {
  list(): Promise<ServiceCatalogueEntry[]>;
  findByCode(code: string): Promise<ServiceCatalogueEntry | undefined>;
  /** By code or by words of the name, ignoring case and accents. */
  search(text: string, limit?: number): Promise<ServiceCatalogueEntry[]>;
}

export interface PqrdsRepository {
  /** Only when code AND petitioner document match: a code alone discloses nothing. */
  findByCodeAndPetitioner(code: string, documentType: DocumentTypeCode, documentNumber: string): Promise<Pqrds | undefined>;
  /** Files it with the next PQR-YYYY-NNNNNN code of createdAt's (Bogotá) year. */
  create(pqrds: NewPqrds): Promise<Pqrds>;
  answer(id: string, change: { status: PqrdsStatus; answer?: string }, now: Date): Promise<void>;
}

export interface IpsRepository {
  findByCode(code: string): Promise<Ips | undefined>;
  listByMunicipality(municipalityCode: string): Promise<Ips[]>;
}

export interface PlaceRepository {
  listDocumentTypes(): Promise<DocumentType[]>;
  listDepartments(): Promise<Department[]>;
  listMunicipalities(departmentCode: string): Promise<Municipality[]>;
  findDepartment(code: string): Promise<Department | undefined>;
  findMunicipality(code: string): Promise<Municipality | undefined>;
}

export interface OutboxRepository {
  /** With a dedupKey already present, returns the existing message instead of adding one. */
  enqueue(message: NewOutboxMessage): Promise<OutboxMessage>;
  /**
   * Claims up to `limit` pending messages whose next attempt is due, oldest first, so that two workers
   * never send the same one: claimed messages get next_attempt_at = now + leaseMs until marked.
   */
  claimDue(now: Date, limit: number, leaseMs?: number): Promise<OutboxMessage[]>;
  /** `redactedBody` replaces the stored text: once delivered, a temporary password has no reason to stay. */
  markSent(id: string, now: Date, redactedBody?: string): Promise<void>;
  /**
   * Counts an attempt; retries after an exponential backoff (30 s · 2^(attempts−1), at most 1 h) until
   * maxAttempts, then the message is 'failed' for good. errorCode is a stable code, never gateway text.
   */
  markFailed(id: string, errorCode: string, now: Date, maxAttempts?: number): Promise<OutboxMessage>;
  findById(id: string): Promise<OutboxMessage | undefined>;
  /** For the dev drivers and tests: newest first. */
  list(filter?: { kind?: OutboxKind; recipient?: string }): Promise<OutboxMessage[]>;
}

export interface ConversationReferenceRepository {
  upsert(record: ConversationReferenceRecord): Promise<void>;
  find(conversationKey: string): Promise<ConversationReferenceRecord | undefined>;
  listByAffiliate(affiliateId: string): Promise<ConversationReferenceRecord[]>;
}

/** Everything storage gives the composition root. */
export interface Repositories {
  affiliates: AffiliateRepository;
  accounts: AccountRepository;
  consents: ConsentRepository;
  authorizationRequests: AuthorizationRequestRepository;
  authorizations: AuthorizationRepository;
  serviceCatalogue: ServiceCatalogueRepository;
  pqrds: PqrdsRepository;
  ips: IpsRepository;
  places: PlaceRepository;
  outbox: OutboxRepository;
  conversationReferences: ConversationReferenceRepository;
}
