// Certificates ("Generar Certificados", manual section 10 in docs/manual-map.md): the affiliation certificate
// of a member of the requester's nucleus, or the certificate of the whole family nucleus. Every certificate
// gets a verification code recorded with the SHA-256 of its bytes, so GET /certificados/{code} can vouch for
// it.
import { createHash } from 'node:crypto';
import type { Clock } from '../../domain/clock';
import { maskName } from '../../domain/masking';
import { type Affiliate, fullName } from '../../domain/model';
import { type CertificateData, CERTIFICATE_FILE_NAMES, type CertificateIssuer } from '../../pdf/certificateData';
import { renderCertificate } from '../../pdf/renderCertificate';
import type { FamilyNucleusService } from '../family/familyNucleusService';
import type { IpsRepository } from '../ports/repositories';
import type { CertificateKind, CertificateRepository } from '../ports/selfService';
import { newCertificateCode, parseCertificateCode } from './certificateCode';
import { municipalityLabel, type PlaceLookup } from './municipalityLabel';

export interface IssuedCertificate {
  code: string;
  kind: CertificateKind;
  fileName: string;
  pdf: Buffer;
  issuedAt: Date;
}

/** What the public verification page may show: enough to match a paper copy, nothing more. */
export interface CertificateVerification {
  code: string;
  kind: CertificateKind;
  issuedAt: Date;
  /** "Ana M. R. C.": the holder can be recognised, not identified. */
  maskedName: string;
  sha256: string;
}

export interface CertificateServiceDeps {
  nucleus: Pick<FamilyNucleusService, 'findMember' | 'listMembers'>;
  ips: Pick<IpsRepository, 'findByCode'>;
  places: PlaceLookup;
  certificates: CertificateRepository;
  clock: Clock;
  issuer: CertificateIssuer;
  /** PUBLIC_URL: the printed verification link is `${publicUrl}/certificados/{code}`. */
  publicUrl: string;
  newCode?: () => string;
}

export class CertificateService {
  constructor(private readonly deps: CertificateServiceDeps) {}

  verificationUrl(code: string): string {
    return `${this.deps.publicUrl.replace(/\/+$/, '')}/certificados/${code}`;
  }

  /**
   * The affiliation certificate of `subjectId` (a member of the requester's nucleus), or the nucleus
   * certificate of the requester's family. Throws NotInNucleusError for anyone else.
   */
  async issue(requesterId: string, kind: CertificateKind, subjectId: string = requesterId): Promise<IssuedCertificate> {
    const subject = await this.deps.nucleus.findMember(requesterId, kind === 'family_nucleus' ? requesterId : subjectId);
    const members = await this.deps.nucleus.listMembers(requesterId);
    const code = (this.deps.newCode ?? newCertificateCode)();
    const issuedAt = this.deps.clock.now();
    const data: CertificateData = {
      kind,
      issuer: this.deps.issuer,
      affiliate: { ...subject, municipalityName: await municipalityLabel(this.deps.places, subject.municipalityCode) },
      nucleus: members,
      ips: await this.ipsOf(subject),
      issuedAt,
      verification: { code, url: this.verificationUrl(code) },
    };
    const pdf = await renderCertificate(data);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await this.deps.certificates.record({ code, kind, affiliateId: subject.id, requestedByAffiliateId: requesterId, issuedAt, sha256 });
    return { code, kind, fileName: CERTIFICATE_FILE_NAMES[kind], pdf, issuedAt };
  }

  /** undefined for a malformed, altered or unknown code (the page says the same for all three). */
  async verify(codeInput: string): Promise<CertificateVerification | undefined> {
    const code = parseCertificateCode(codeInput);
    if (!code) return undefined;
    const record = await this.deps.certificates.findByCode(code);
    if (!record) return undefined;
    const subject = await this.deps.nucleus.findMember(record.affiliateId, record.affiliateId);
    return { code, kind: record.kind, issuedAt: record.issuedAt, maskedName: maskName(fullName(subject)), sha256: record.sha256 };
  }

  private async ipsOf(a: Affiliate): Promise<CertificateData['ips']> {
    if (!a.ipsCode) return undefined;
    const ips = await this.deps.ips.findByCode(a.ipsCode);
    if (!ips) return undefined;
    return { name: ips.name, address: ips.address, phone: ips.phone, municipalityName: await municipalityLabel(this.deps.places, ips.municipalityCode) };
  }
}
