// "Consulta Autorizaciones" (manual section 9, docs/manual-map.md): for a member of the requester's nucleus,
// the history of authorizations (filterable by service code or name) and the requests filed with the EPS,
// with their justification, creation date, status and rejection reason.
import { containsWordsLoosely } from '../../domain/looseWords';
import type { Authorization, AuthorizationRequest } from '../../domain/model';
import type { FamilyNucleusService } from '../family/familyNucleusService';
import type { AuthorizationRepository, AuthorizationRequestRepository, IpsRepository } from '../ports/repositories';

export interface AuthorizationView extends Authorization {
  /** The provider's name (the code when it left the network). */
  providerIpsName: string;
}

/** Requests the EPS has not decided yet. */
export const PENDING_REQUEST_STATUSES: readonly AuthorizationRequest['status'][] = ['radicada', 'en_revision', 'pendiente_soportes'];

export class AuthorizationStatusService {
  constructor(
    private readonly deps: {
      nucleus: Pick<FamilyNucleusService, 'findMember'>;
      authorizations: Pick<AuthorizationRepository, 'listByAffiliate'>;
      requests: Pick<AuthorizationRequestRepository, 'listByAffiliate' | 'listAttachments'>;
      ips: Pick<IpsRepository, 'findByCode'>;
    },
  ) {}

  /** Newest first; `service` is a CUPS code (or its first digits) or words of the service name. */
  async authorizations(requesterId: string, memberId: string, service?: string): Promise<AuthorizationView[]> {
    await this.deps.nucleus.findMember(requesterId, memberId);
    const filter = service?.trim() ? { service: service.trim() } : undefined;
    let list = await this.deps.authorizations.listByAffiliate(memberId, filter);
    if (list.length === 0 && filter && !/^\d+$/.test(filter.service)) {
      // Nothing by exact words: "resonansia" may be "resonancia". One member's history is short enough to scan.
      const all = await this.deps.authorizations.listByAffiliate(memberId);
      list = all.filter((a) => containsWordsLoosely(a.serviceName, filter.service));
    }
    const names = new Map<string, string>();
    for (const code of new Set(list.map((a) => a.providerIpsCode))) {
      names.set(code, (await this.deps.ips.findByCode(code))?.name ?? code);
    }
    return list.map((a) => ({ ...a, providerIpsName: names.get(a.providerIpsCode) ?? a.providerIpsCode }));
  }

  /** Every request filed for the member, newest first. */
  async requests(requesterId: string, memberId: string): Promise<AuthorizationRequest[]> {
    await this.deps.nucleus.findMember(requesterId, memberId);
    return this.deps.requests.listByAffiliate(memberId);
  }

  /** The requests with the names of their PDF supports, as the affiliate sent them. */
  async requestsWithSupports(requesterId: string, memberId: string): Promise<Array<{ request: AuthorizationRequest; supports: string[] }>> {
    const requests = await this.requests(requesterId, memberId);
    return Promise.all(requests.map(async (request) => ({ request, supports: (await this.deps.requests.listAttachments(request.id)).map((a) => a.originalName) })));
  }

  async pendingRequests(requesterId: string, memberId: string): Promise<AuthorizationRequest[]> {
    return (await this.requests(requesterId, memberId)).filter((r) => PENDING_REQUEST_STATUSES.includes(r.status));
  }
}
