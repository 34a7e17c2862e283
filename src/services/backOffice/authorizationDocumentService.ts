// The issued authorization as a PDF: for the affiliate (any member of their nucleus), for the approval
// notice, and the public check of its verification code (GET /autorizaciones/{code}), which shows only
// what the IPS needs to accept it: number, service, validity, status and a masked name.
import { maskName } from '../../domain/masking';
import { NotFoundError } from '../../domain/errors';
import { type Authorization, AUTHORIZATION_STATUS_LABELS, fullName } from '../../domain/model';
import { authorizationFileName, renderAuthorization } from '../../pdf/renderAuthorization';
import type { FamilyNucleusService } from '../family/familyNucleusService';
import type { AffiliateRepository, AuthorizationRepository, AuthorizationRequestRepository, IpsRepository } from '../ports/repositories';
import { parseVerificationCode } from '../selfService/certificateCode';
import { municipalityLabel, type PlaceLookup } from '../selfService/municipalityLabel';

export interface AuthorizationDocument {
  fileName: string;
  pdf: Buffer;
  authorization: Authorization;
}

export interface AuthorizationVerification {
  code: string;
  number: string;
  service: string;
  status: string;
  validFrom: string;
  validUntil: string;
  holder: string;
  ipsName: string;
}

export class AuthorizationDocumentService {
  constructor(
    private readonly deps: {
      authorizations: Pick<AuthorizationRepository, 'findById' | 'findByNumber' | 'findByVerificationCode'>;
      requests: Pick<AuthorizationRequestRepository, 'findById'>;
      affiliates: Pick<AffiliateRepository, 'findById'>;
      ips: Pick<IpsRepository, 'findByCode'>;
      places: PlaceLookup;
      nucleus: Pick<FamilyNucleusService, 'findMember'>;
      issuer: { name: string; nit: string };
      publicUrl: string;
    },
  ) {}

  verificationUrl(code: string): string {
    return `${this.deps.publicUrl.replace(/\/+$/, '')}/autorizaciones/${code}`;
  }

  /** Only authorizations issued with a verification code have a document. */
  async forRequester(requesterId: string, number: string): Promise<AuthorizationDocument> {
    const authorization = await this.deps.authorizations.findByNumber(number);
    if (!authorization?.verificationCode) throw new NotFoundError('authorization');
    await this.deps.nucleus.findMember(requesterId, authorization.affiliateId);
    return this.render(authorization);
  }

  async byId(id: string): Promise<AuthorizationDocument | undefined> {
    const authorization = await this.deps.authorizations.findById(id);
    return authorization?.verificationCode ? this.render(authorization) : undefined;
  }

  async verify(input: string): Promise<AuthorizationVerification | undefined> {
    const code = parseVerificationCode(input, 'AUTZ');
    if (!code) return undefined;
    const a = await this.deps.authorizations.findByVerificationCode(code);
    if (!a) return undefined;
    const affiliate = await this.deps.affiliates.findById(a.affiliateId);
    const ips = await this.deps.ips.findByCode(a.providerIpsCode);
    return {
      code,
      number: a.number,
      service: `${a.serviceName} (${a.serviceCode})`,
      status: AUTHORIZATION_STATUS_LABELS[a.status],
      validFrom: a.validFrom ?? a.issuedAt,
      validUntil: a.expiresAt,
      holder: affiliate ? maskName(fullName(affiliate)) : '',
      ipsName: ips?.name ?? a.providerIpsCode,
    };
  }

  private async render(authorization: Authorization): Promise<AuthorizationDocument> {
    const affiliate = await this.deps.affiliates.findById(authorization.affiliateId);
    const ips = await this.deps.ips.findByCode(authorization.providerIpsCode);
    if (!affiliate || !ips) throw new NotFoundError('authorization');
    const request = authorization.requestId ? await this.deps.requests.findById(authorization.requestId) : undefined;
    const code = authorization.verificationCode!;
    const pdf = await renderAuthorization({
      issuer: this.deps.issuer,
      affiliate,
      authorization,
      filingNumber: request?.filingNumber,
      ips: { ...ips, municipalityName: await municipalityLabel(this.deps.places, ips.municipalityCode) },
      verification: { code, url: this.verificationUrl(code) },
    });
    return { fileName: authorizationFileName(authorization.number), pdf, authorization };
  }
}
