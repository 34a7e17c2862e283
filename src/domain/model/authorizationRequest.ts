import type { IsoDate } from './dates';

// A "solicitud de autorización": filed by a logged-in account for a member of its family nucleus.
export type AuthorizationRequestStatus = 'radicada' | 'en_revision' | 'pendiente_soportes' | 'aprobada' | 'rechazada' | 'anulada';

export const AUTHORIZATION_REQUEST_STATUS_LABELS: Record<AuthorizationRequestStatus, string> = {
  radicada: 'Radicada',
  en_revision: 'En revisión',
  pendiente_soportes: 'Pendiente de soportes',
  aprobada: 'Aprobada',
  rechazada: 'Rechazada',
  anulada: 'Anulada',
};

/** Filing number format: AUT-YYYY-NNNNNN, sequential per year. */
export const FILING_NUMBER_PATTERN = /^AUT-\d{4}-\d{6}$/;

export function formatFilingNumber(year: number, sequence: number): string {
  return `AUT-${year}-${String(sequence).padStart(6, '0')}`;
}

export interface AuthorizationRequest {
  id: string;
  filingNumber: string;
  /** The member the service is for. */
  affiliateId: string;
  /** The account that filed it (the member's own, or the head of the nucleus). */
  filedByAccountId: string;
  departmentCode: string;
  municipalityCode: string;
  observation: string;
  status: AuthorizationRequestStatus;
  /** The EPS's justification of its decision. */
  justification?: string;
  rejectionReason?: string;
  serviceCode?: string;
  serviceName?: string;
  createdAt: Date;
  /** Date by which the EPS promised an answer (business days). */
  dueDate: IsoDate;
  /** Guards against filing twice when a channel retries the same turn. */
  idempotencyKey?: string;
  updatedAt: Date;
}

export interface NewAuthorizationRequest {
  affiliateId: string;
  filedByAccountId: string;
  departmentCode: string;
  municipalityCode: string;
  observation: string;
  serviceCode?: string;
  serviceName?: string;
  createdAt: Date;
  dueDate: IsoDate;
  idempotencyKey?: string;
}

/** A file a user sent and we kept: the same shape for every kind of support (requests, PQRDS). */
export interface StoredSupportFile {
  /** Generated name under UPLOAD_DIR; never the user's. */
  storedName: string;
  /** As the user sent it; shown back only, never used as a path. */
  originalName: string;
  sizeBytes: number;
  sha256: string;
  contentType: string;
  createdAt: Date;
}

export interface RequestAttachment extends StoredSupportFile {
  id: string;
  requestId: string;
}

export type NewRequestAttachment = Omit<RequestAttachment, 'id' | 'requestId' | 'createdAt'>;
