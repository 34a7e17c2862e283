// Identity documents used in Colombian health records (RC until 7 years, TI 7–17, CC adults).
export const DOCUMENT_TYPE_CODES = ['CC', 'TI', 'RC', 'CE', 'PA', 'PE', 'PT', 'CN', 'AS', 'MS', 'CD', 'SC', 'DE'] as const;

export type DocumentTypeCode = (typeof DOCUMENT_TYPE_CODES)[number];

export interface DocumentType {
  code: DocumentTypeCode;
  /** Spanish name shown to users. */
  name: string;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { code: 'CC', name: 'Cédula de ciudadanía' },
  { code: 'TI', name: 'Tarjeta de identidad' },
  { code: 'RC', name: 'Registro civil de nacimiento' },
  { code: 'CE', name: 'Cédula de extranjería' },
  { code: 'PA', name: 'Pasaporte' },
  { code: 'PE', name: 'Permiso especial de permanencia' },
  { code: 'PT', name: 'Permiso por protección temporal' },
  { code: 'CN', name: 'Certificado de nacido vivo' },
  { code: 'AS', name: 'Adulto sin identificación' },
  { code: 'MS', name: 'Menor sin identificación' },
  { code: 'CD', name: 'Carné diplomático' },
  { code: 'SC', name: 'Salvoconducto de permanencia' },
  { code: 'DE', name: 'Documento extranjero' },
];

export function isDocumentTypeCode(value: string): value is DocumentTypeCode {
  return (DOCUMENT_TYPE_CODES as readonly string[]).includes(value);
}

/** A person's identity as the EPS knows it: type plus number. */
export interface DocumentId {
  type: DocumentTypeCode;
  number: string;
}
