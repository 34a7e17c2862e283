// Files a "solicitud de autorización" (manual section 8, docs/manual-map.md): checks what the dialog
// collected again (a service never trusts its caller), keeps the PDFs under UPLOAD_DIR, files the request
// with its number and due date in one repository call, and queues the SMS/e-mail of the filing. Idempotent
// per key: a retried turn or a double tap returns the first filing, files nothing new and sends nothing
// twice.
import { authorizationAnswerDue } from '../../domain/answerDue';
import { Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { maskName } from '../../domain/masking';
import { Affiliate, AuthorizationRequest, fullName, RequestAttachment } from '../../domain/model';
import { formatSpanishDate } from '../../domain/spanishDate';
import { Logger, silentLogger } from '../../observability/logger';
import { FamilyNucleusService } from '../family/familyNucleusService';
import { AuthorizationRequestRepository, OutboxRepository, PlaceRepository } from '../ports/repositories';
import { filingNotice } from './notificationTexts';
import { StagedFiles } from './ports';
import { SupportChecker, SupportProblem } from './supportCheck';
import { SupportFileStore, StoredSupport } from './supportFileStore';

export const OBSERVATION_MIN_CHARS = 10;
export const OBSERVATION_MAX_CHARS = 1000;
export const MAX_SUPPORTS = 10;

export interface SupportToFile {
  stagedId: string;
  /** As the user sent it: shown back, never used as a path. */
  originalName: string;
}

export interface FilingInput {
  accountId: string;
  requesterAffiliateId: string;
  memberAffiliateId: string;
  municipalityCode: string;
  observation: string;
  supports: SupportToFile[];
  /** Same key, same filing: derived from the conversation and the dialog instance. */
  idempotencyKey: string;
}

export interface FilingResult {
  request: AuthorizationRequest;
  attachments: RequestAttachment[];
  /** The manual's window (section 8, docs/manual-map.md): 2 to 5 business days. */
  earliestDate: string;
  dueDate: string;
  notifiedBy: Array<'sms' | 'email'>;
  /** True when the key had already filed a request: nothing new was filed. */
  duplicate: boolean;
}

export class FilingError extends DomainError {}

export class SupportRejectedError extends FilingError {
  constructor(
    public readonly index: number,
    public readonly problem: SupportProblem,
  ) {
    super('support_rejected', `support ${index + 1} rejected: ${problem}`);
  }
}

export interface AuthorizationFilingDeps {
  requests: Pick<AuthorizationRequestRepository, 'create' | 'findByIdempotencyKey' | 'listAttachments'>;
  outbox: Pick<OutboxRepository, 'enqueue'>;
  places: Pick<PlaceRepository, 'findMunicipality'>;
  nucleus: FamilyNucleusService;
  staged: StagedFiles;
  supportFiles: SupportFileStore;
  checkSupport: SupportChecker;
  clock: Clock;
  logger?: Logger;
}

export class AuthorizationFilingService {
  private readonly logger: Logger;

  constructor(private readonly deps: AuthorizationFilingDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  async file(input: FilingInput): Promise<FilingResult> {
    const earlier = await this.deps.requests.findByIdempotencyKey(input.idempotencyKey);
    if (earlier) return this.finish(input, earlier, true);

    const observation = input.observation.trim();
    if (observation.length < OBSERVATION_MIN_CHARS || observation.length > OBSERVATION_MAX_CHARS) {
      throw new FilingError('observation_length');
    }
    if (input.supports.length === 0) throw new FilingError('no_supports');
    if (input.supports.length > MAX_SUPPORTS) throw new FilingError('too_many_supports');
    if (new Set(input.supports.map((s) => s.stagedId)).size !== input.supports.length) throw new FilingError('repeated_support');

    const member = await this.deps.nucleus.findMember(input.requesterAffiliateId, input.memberAffiliateId);
    if (member.status !== 'activo') throw new FilingError('member_inactive');
    const municipality = await this.deps.places.findMunicipality(input.municipalityCode);
    if (!municipality) throw new FilingError('unknown_municipality');

    const checks = [];
    for (const [index, support] of input.supports.entries()) {
      const check = await this.deps.checkSupport(support.stagedId);
      if (!check.ok) {
        // A concurrent twin of this confirmation may have filed and cleaned the staging area already.
        const twin = check.problem === 'unavailable' ? await this.deps.requests.findByIdempotencyKey(input.idempotencyKey) : undefined;
        if (twin) return this.finish(input, twin, true);
        throw new SupportRejectedError(index, check.problem);
      }
      checks.push(check);
    }

    const kept: StoredSupport[] = [];
    let filed: AuthorizationRequest;
    try {
      for (const [index, support] of input.supports.entries()) {
        const stored = await this.deps.supportFiles.keep(this.deps.staged, support.stagedId);
        kept.push(stored);
        // The bytes kept must be the bytes checked.
        if (stored.sha256 !== checks[index].sha256 || stored.sizeBytes !== checks[index].size) {
          throw new SupportRejectedError(index, 'damaged');
        }
      }
      const now = this.deps.clock.now();
      const due = authorizationAnswerDue(now);
      filed = await this.deps.requests.create(
        {
          affiliateId: member.id,
          filedByAccountId: input.accountId,
          departmentCode: municipality.departmentCode,
          municipalityCode: municipality.code,
          observation,
          createdAt: now,
          dueDate: due.dueDate,
          idempotencyKey: input.idempotencyKey,
        },
        input.supports.map((s, i) => ({
          storedName: kept[i].storedName,
          originalName: s.originalName.slice(0, 200),
          sizeBytes: kept[i].sizeBytes,
          sha256: kept[i].sha256,
          contentType: 'application/pdf',
        })),
      );
    } catch (error) {
      await this.deps.supportFiles.discard(kept.map((k) => k.storedName));
      throw error;
    }
    const result = await this.finish(input, filed, false, member);
    const ours = new Set(kept.map((k) => k.storedName));
    if (!result.attachments.some((a) => ours.has(a.storedName))) {
      // The repository returned a concurrent twin's filing: our copies belong to nothing.
      await this.deps.supportFiles.discard([...ours]);
      return { ...result, duplicate: true };
    }
    return result;
  }

  /** Queues the notices (deduplicated), clears the staging area and describes the filing. */
  private async finish(input: FilingInput, request: AuthorizationRequest, duplicate: boolean, known?: Affiliate): Promise<FilingResult> {
    const member = known ?? (await this.deps.nucleus.findMember(input.requesterAffiliateId, request.affiliateId));
    const filer = member.id === input.requesterAffiliateId ? member : await this.deps.nucleus.findMember(input.requesterAffiliateId, input.requesterAffiliateId);
    const attachments = await this.deps.requests.listAttachments(request.id);
    const due = authorizationAnswerDue(request.createdAt);
    const notifiedBy = await this.notify(request, member, filer, attachments.length, due.earliestDate);
    await Promise.all(input.supports.map((s) => this.deps.staged.remove(s.stagedId)));
    this.logger.info('authorization_request.filed', { requestId: request.id, supports: attachments.length, duplicate });
    return { request, attachments, earliestDate: due.earliestDate, dueDate: request.dueDate, notifiedBy, duplicate };
  }

  /** SMS and e-mail to the member's contact data, or the filer's when the member has none (a child). */
  private async notify(request: AuthorizationRequest, member: Affiliate, filer: Affiliate, supports: number, earliest: string): Promise<Array<'sms' | 'email'>> {
    const mobile = member.mobile ?? filer.mobile;
    const email = member.email ?? filer.email;
    const due = formatSpanishDate(request.dueDate);
    const sent: Array<'sms' | 'email'> = [];
    if (mobile) {
      await this.deps.outbox.enqueue({
        kind: 'sms',
        recipient: mobile,
        body: filingNotice.sms(request.filingNumber, maskName(fullName(member)), due),
        dedupKey: `authorization-request:${request.id}:sms`,
        createdAt: request.createdAt,
      });
      sent.push('sms');
    }
    if (email) {
      await this.deps.outbox.enqueue({
        kind: 'email',
        recipient: email,
        subject: filingNotice.emailSubject(request.filingNumber),
        body: filingNotice.emailBody({
          filingNumber: request.filingNumber,
          memberName: fullName(member),
          filedOn: formatSpanishDate(request.createdAt),
          earliest: formatSpanishDate(earliest),
          due,
          supports,
        }),
        dedupKey: `authorization-request:${request.id}:email`,
        createdAt: request.createdAt,
      });
      sent.push('email');
    }
    return sent;
  }
}
