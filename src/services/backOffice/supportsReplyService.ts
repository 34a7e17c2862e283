// The affiliate's answer to "we need more supports": the requests of their nucleus waiting for files,
// with the EPS's message, and the new PDFs checked again (the service trusts no caller), kept under
// UPLOAD_DIR and added to the request, which returns to the queue as radicada.
import { nextRequestStatus } from '../../domain/backOffice/requestDecision';
import type { Clock } from '../../domain/clock';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { AuthorizationRequest } from '../../domain/model';
import type { Logger } from '../../observability/logger';
import { MAX_SUPPORTS, SupportRejectedError, SupportToFile } from '../authorizationRequests/authorizationFilingService';
import type { StagedFiles } from '../authorizationRequests/ports';
import type { SupportChecker } from '../authorizationRequests/supportCheck';
import type { SupportFileStore, StoredSupport } from '../authorizationRequests/supportFileStore';
import type { FamilyNucleusService } from '../family/familyNucleusService';
import type { DecisionStore } from '../ports/backOffice';
import type { AuthorizationRequestRepository } from '../ports/repositories';

export interface AwaitingSupports {
  request: AuthorizationRequest;
  memberName: string;
  /** What the EPS asked for. */
  message: string;
}

export class SupportsReplyService {
  constructor(
    private readonly deps: {
      nucleus: Pick<FamilyNucleusService, 'listMembers'>;
      requests: Pick<AuthorizationRequestRepository, 'listByAffiliate' | 'findByFilingNumber'>;
      store: DecisionStore;
      staged: StagedFiles;
      supportFiles: SupportFileStore;
      checkSupport: SupportChecker;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** Requests of the requester's nucleus waiting for supports, oldest first. */
  async awaiting(requesterId: string): Promise<AwaitingSupports[]> {
    const found: AwaitingSupports[] = [];
    for (const member of await this.deps.nucleus.listMembers(requesterId)) {
      for (const request of await this.deps.requests.listByAffiliate(member.id)) {
        if (request.status !== 'pendiente_soportes') continue;
        const [last] = (await this.deps.store.listDecisions(request.id)).filter((d) => d.kind === 'request_supports');
        found.push({ request, memberName: `${member.firstNames} ${member.lastNames}`, message: last?.message ?? request.justification ?? '' });
      }
    }
    return found.sort((a, b) => a.request.createdAt.getTime() - b.request.createdAt.getTime());
  }

  async addSupports(requesterId: string, filingNumber: string, supports: SupportToFile[]): Promise<AuthorizationRequest> {
    const waiting = (await this.awaiting(requesterId)).find((w) => w.request.filingNumber === filingNumber);
    if (!waiting) throw new NotFoundError('authorization request');
    const transition = nextRequestStatus(waiting.request.status, 'supports_added');
    if (!transition.ok) throw new ConflictError(transition.code);
    if (supports.length === 0 || supports.length > MAX_SUPPORTS) throw new ConflictError('supports_count');
    const checks = [];
    for (const [index, support] of supports.entries()) {
      const check = await this.deps.checkSupport(support.stagedId);
      if (!check.ok) throw new SupportRejectedError(index, check.problem);
      checks.push(check);
    }
    const kept: StoredSupport[] = [];
    const now = this.deps.clock.now();
    try {
      for (const [index, support] of supports.entries()) {
        const stored = await this.deps.supportFiles.keep(this.deps.staged, support.stagedId);
        kept.push(stored);
        if (stored.sha256 !== checks[index].sha256 || stored.sizeBytes !== checks[index].size) throw new SupportRejectedError(index, 'damaged');
      }
      const written = await this.deps.store.addSupports(
        waiting.request.id,
        supports.map((s, i) => ({ storedName: kept[i].storedName, originalName: s.originalName.slice(0, 200), sizeBytes: kept[i].sizeBytes, sha256: kept[i].sha256, contentType: 'application/pdf' })),
        { actor: { kind: 'affiliate', id: requesterId }, action: 'supports_added', subject: filingNumber, fromStatus: waiting.request.status, toStatus: transition.next, detail: `${supports.length} supports`, at: now },
        now,
      );
      if (!written) throw new ConflictError('request_changed');
    } catch (error) {
      await this.deps.supportFiles.discard(kept.map((k) => k.storedName));
      throw error;
    }
    await Promise.all(supports.map((s) => this.deps.staged.remove(s.stagedId)));
    this.deps.logger.info('authorization_request.supports_added', { requestId: waiting.request.id, supports: supports.length });
    return { ...waiting.request, status: transition.next, updatedAt: now };
  }
}
