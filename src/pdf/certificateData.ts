// What a certificate says, in domain terms; renderCertificate turns it into a PDF. Kept apart from the
// renderer so the service (which gathers it) and the tests (which build it by hand) share one shape.
import type { Affiliate, Ips } from '../domain/model';
import type { CertificateKind } from '../services/ports/selfService';

export interface CertificateIssuer {
  /** The EPS name in the header. */
  name: string;
  /** A second header line ("Oficina Virtual · Certificación electrónica"). */
  tagline: string;
}

export type CertificatePerson = Pick<
  Affiliate,
  'firstNames' | 'lastNames' | 'documentType' | 'documentNumber' | 'relationship' | 'status' | 'birthDate'
>;

export interface CertificateData {
  kind: CertificateKind;
  issuer: CertificateIssuer;
  /** Whom it certifies (for the nucleus certificate: the member who asked, usually the head). */
  affiliate: CertificatePerson &
    Pick<Affiliate, 'regime' | 'affiliateType' | 'affiliationDate'> & { municipalityName?: string };
  /** Every member of the family nucleus, head first. */
  nucleus: CertificatePerson[];
  ips?: Pick<Ips, 'name' | 'address' | 'phone'> & { municipalityName?: string };
  /** The instant recorded with the code: the document and the verification record say the same. */
  issuedAt: Date;
  verification: { code: string; url: string };
}

/** The issuer of EPS_NAME and EPS_NIT: the NIT goes on the tagline under the name. */
export function certificateIssuer(eps: { name: string; nit: string }): CertificateIssuer {
  return { name: eps.name, tagline: `NIT ${eps.nit} · Oficina Virtual · Certificación electrónica` };
}

/** Until the EPS's own name is configured, certificates say who issues them in neutral words. */
export const DEFAULT_CERTIFICATE_ISSUER: CertificateIssuer = {
  name: 'EPS Oficina Virtual',
  tagline: 'Oficina Virtual · Certificación electrónica',
};

export const REGIME_LABELS: Record<Affiliate['regime'], string> = {
  contributivo: 'Contributivo',
  subsidiado: 'Subsidiado',
};

export const AFFILIATE_TYPE_LABELS: Record<Affiliate['affiliateType'], string> = {
  cotizante: 'Cotizante',
  beneficiario: 'Beneficiario',
  cabeza_familia: 'Cabeza de familia',
};

export const CERTIFICATE_TITLES: Record<CertificateKind, string> = {
  affiliation: 'CERTIFICADO DE AFILIACIÓN',
  family_nucleus: 'CERTIFICADO DE NÚCLEO FAMILIAR',
};

export const CERTIFICATE_FILE_NAMES: Record<CertificateKind, string> = {
  affiliation: 'certificado-afiliacion.pdf',
  family_nucleus: 'certificado-nucleo-familiar.pdf',
};
