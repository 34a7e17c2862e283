import type { IsoDate } from './dates';
import type { DocumentTypeCode } from './documentType';

export type Sex = 'F' | 'M';

/** Contributivo: pays through payroll; subsidiado: paid by the State. */
export type Regime = 'contributivo' | 'subsidiado';

export type AffiliateType = 'cotizante' | 'beneficiario' | 'cabeza_familia';

/** Only 'activo' affiliates may register or file requests (the EPS manual's rule, section 3 in docs/manual-map.md). */
export type AffiliateStatus = 'activo' | 'suspendido' | 'retirado' | 'proteccion_laboral' | 'fallecido';

export const AFFILIATE_STATUS_LABELS: Record<AffiliateStatus, string> = {
  activo: 'Activo',
  suspendido: 'Suspendido',
  retirado: 'Retirado',
  proteccion_laboral: 'Protección laboral',
  fallecido: 'Fallecido',
};

/** Relationship to the head of the family nucleus. */
export type Relationship = 'cabeza' | 'conyuge' | 'hijo' | 'padre' | 'otro';

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  cabeza: 'Cabeza de familia',
  conyuge: 'Cónyuge o compañero(a)',
  hijo: 'Hijo(a)',
  padre: 'Padre o madre',
  otro: 'Otro',
};

export interface Affiliate {
  id: string;
  documentType: DocumentTypeCode;
  documentNumber: string;
  firstNames: string;
  lastNames: string;
  birthDate: IsoDate;
  sex: Sex;
  regime: Regime;
  affiliateType: AffiliateType;
  status: AffiliateStatus;
  mobile?: string;
  email?: string;
  address?: string;
  municipalityCode: string;
  /** Used as a knowledge check at registration; children with RC have none. */
  documentIssueDate?: IsoDate;
  affiliationDate: IsoDate;
  ipsCode?: string;
  /** Every member of a family nucleus shares it. */
  familyNucleusId: string;
  /** The head's affiliate id (the head points at itself). */
  headAffiliateId: string;
  relationship: Relationship;
  updatedAt: Date;
}

/** What the affiliate may change in "actualización de datos". */
export interface AffiliateContactUpdate {
  mobile?: string;
  email?: string | null;
  address?: string;
  municipalityCode?: string;
}

export function fullName(a: Pick<Affiliate, 'firstNames' | 'lastNames'>): string {
  return `${a.firstNames} ${a.lastNames}`;
}
