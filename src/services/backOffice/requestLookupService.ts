// "consulta AUT-2026-000006": one request of the requester's nucleus, by its filing number, with what the
// EPS answered and, once approved, the number of the authorization to download.
import type { AuthorizationRequest } from '../../domain/model';
import { fullName } from '../../domain/model';
import type { FamilyNucleusService } from '../family/familyNucleusService';
import type { AuthorizationRepository, AuthorizationRequestRepository } from '../ports/repositories';

export interface RequestLookup {
  request: AuthorizationRequest;
  memberName: string;
  supports: number;
  /** The issued authorization's number, when it has a downloadable document. */
  authorizationNumber?: string;
}

export class RequestLookupService {
  constructor(
    private readonly deps: {
      nucleus: Pick<FamilyNucleusService, 'listMembers'>;
      requests: Pick<AuthorizationRequestRepository, 'findByFilingNumber' | 'listAttachments'>;
      authorizations: Pick<AuthorizationRepository, 'findByRequest'>;
    },
  ) {}

  /** undefined for an unknown number and for one of another nucleus alike. */
  async lookup(requesterId: string, filingNumber: string): Promise<RequestLookup | undefined> {
    const request = await this.deps.requests.findByFilingNumber(filingNumber);
    if (!request) return undefined;
    const member = (await this.deps.nucleus.listMembers(requesterId)).find((m) => m.id === request.affiliateId);
    if (!member) return undefined;
    const supports = (await this.deps.requests.listAttachments(request.id)).length;
    const authorization = request.status === 'aprobada' ? await this.deps.authorizations.findByRequest(request.id) : undefined;
    return { request, memberName: fullName(member), supports, authorizationNumber: authorization?.verificationCode ? authorization.number : undefined };
  }
}
