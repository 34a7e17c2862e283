// PQRDS: peticiones, quejas, reclamos, denuncias y sugerencias.
import type { DocumentTypeCode } from './documentType';

export type PqrdsType = 'peticion' | 'queja' | 'reclamo' | 'denuncia' | 'sugerencia';

export const PQRDS_TYPE_LABELS: Record<PqrdsType, string> = {
  peticion: 'Petición',
  queja: 'Queja',
  reclamo: 'Reclamo',
  denuncia: 'Denuncia',
  sugerencia: 'Sugerencia',
};

export type PqrdsStatus = 'radicada' | 'en_tramite' | 'respondida' | 'cerrada';

export const PQRDS_STATUS_LABELS: Record<PqrdsStatus, string> = {
  radicada: 'Radicada',
  en_tramite: 'En trámite',
  respondida: 'Respondida',
  cerrada: 'Cerrada',
};

/** Code format: PQR-YYYY-NNNNNN, sequential per year. */
export const PQRDS_CODE_PATTERN = /^PQR-\d{4}-\d{6}$/;

export function formatPqrdsCode(year: number, sequence: number): string {
  return `PQR-${year}-${String(sequence).padStart(6, '0')}`;
}

export interface Pqrds {
  id: string;
  code: string;
  type: PqrdsType;
  petitionerDocumentType: DocumentTypeCode;
  petitionerDocumentNumber: string;
  description: string;
  status: PqrdsStatus;
  createdAt: Date;
  /** Legal answer deadline (24 h to 15 business days depending on risk and type). */
  dueAt: Date;
  answer?: string;
  answeredAt?: Date;
}

export interface NewPqrds {
  type: PqrdsType;
  petitionerDocumentType: DocumentTypeCode;
  petitionerDocumentNumber: string;
  description: string;
  createdAt: Date;
  dueAt: Date;
}
