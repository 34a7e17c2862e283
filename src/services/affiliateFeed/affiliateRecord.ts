// One affiliate as the EPS sends it (API body, NDJSON line or CSV row; the same field names everywhere),
// checked with the domain's own rules: document type and number, real calendar dates not in the future,
// DIVIPOLA and IPS codes that exist, a Colombian mobile, e-mail and address as the bot accepts them.
// Empty strings and nulls mean "not given" (a CSV cell left blank); a PUT replaces the whole record.
import { z } from 'zod';
import type { IsoDate } from '../../domain/bogotaTime';
import { checkAddress, checkEmail } from '../../domain/contact';
import { checkDocumentNumber, type DocumentNumberProblem } from '../../domain/documents';
import type { Affiliate } from '../../domain/model/affiliate';
import { DOCUMENT_TYPE_CODES, type DocumentTypeCode } from '../../domain/model/documentType';
import { checkMobile } from '../../domain/phone';
import { recordFastPath } from './recordFastPath';
import {
  AFFILIATE_TYPES,
  DOCUMENT_NUMBER_MAX_LENGTH,
  IPS_CODE,
  isCalendarDate,
  MUNICIPALITY_CODE,
  NAME_MAX_LENGTH,
  REGIMES,
  RELATIONSHIPS,
  SEXES,
  STATUSES,
} from './recordValues';

export { isCalendarDate } from './recordValues';

/** The fields, in the order of the CSV columns. */
export const AFFILIATE_FIELDS = [
  'documentType',
  'documentNumber',
  'firstNames',
  'lastNames',
  'birthDate',
  'sex',
  'regime',
  'affiliateType',
  'status',
  'mobile',
  'email',
  'address',
  'municipalityCode',
  'documentIssueDate',
  'affiliationDate',
  'ipsCode',
  'headDocumentType',
  'headDocumentNumber',
  'relationship',
] as const;

/** An affiliate as sent: the stored fields, with the nucleus named by its head's document instead of ids. */
export type AffiliateRecord = Omit<Affiliate, 'id' | 'familyNucleusId' | 'headAffiliateId' | 'updatedAt'> & {
  headDocumentType: DocumentTypeCode;
  headDocumentNumber: string;
};

/** Codes the records must point at (loaded once per import; both tables are small). */
export interface ReferenceCodes {
  municipalities: ReadonlySet<string>;
  ips: ReadonlySet<string>;
}

const NUMBER_PROBLEMS: Record<DocumentNumberProblem, string> = {
  empty: 'falta el número',
  not_numeric: 'este tipo de documento solo lleva dígitos',
  invalid_characters: 'tiene caracteres que no van en un documento',
  too_short: 'es demasiado corto para este tipo de documento',
  too_long: 'es demasiado largo para este tipo de documento',
  leading_zero: 'una cédula no empieza por 0',
};

const UPPER_CASE_FIELDS = new Set(['documentType', 'headDocumentType', 'sex']);
const LOWER_CASE_FIELDS = new Set(['regime', 'affiliateType', 'status', 'relationship']);

/**
 * Trims every text field, turns blanks and nulls into "not given" and folds the case of coded fields, in one
 * plain pass: zod's per-field transforms cost several times more than the whole check on a million lines.
 */
export function prepareAffiliateInput(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < AFFILIATE_FIELDS.length; i++) {
    const field = AFFILIATE_FIELDS[i]!;
    const value = raw[field];
    if (typeof value !== 'string') {
      out[field] = value === null ? undefined : value;
      continue;
    }
    const trimmed = value.trim();
    if (trimmed === '') out[field] = undefined;
    else if (UPPER_CASE_FIELDS.has(field)) out[field] = trimmed.toUpperCase();
    else if (LOWER_CASE_FIELDS.has(field)) out[field] = trimmed.toLowerCase();
    else out[field] = trimmed;
  }
  return out;
}

const text = (max: number) => z.string().max(max, `admite hasta ${max} caracteres`);
const documentType = z.enum(DOCUMENT_TYPE_CODES, 'no es un tipo de documento conocido (CC, TI, RC, CE, PA, PE, PT…)');

function isoDate(today: () => IsoDate) {
  return z
    .string()
    .refine(isCalendarDate, 'debe ser una fecha real con formato AAAA-MM-DD')
    .refine((d) => d <= today(), 'no puede ser una fecha futura');
}

/** Checks an input already passed through prepareAffiliateInput (affiliateRecordSchema does both). */
function checkedRecordSchema(codes: ReferenceCodes, today: () => IsoDate) {
  const date = isoDate(today);
  return z
    .object({
      documentType,
      documentNumber: z.string().max(DOCUMENT_NUMBER_MAX_LENGTH, 'es demasiado largo para este tipo de documento'),
      firstNames: text(NAME_MAX_LENGTH),
      lastNames: text(NAME_MAX_LENGTH),
      birthDate: date,
      sex: z.enum(SEXES, 'debe ser F o M'),
      regime: z.enum(REGIMES, 'debe ser contributivo o subsidiado'),
      affiliateType: z.enum(AFFILIATE_TYPES, 'debe ser cotizante, beneficiario o cabeza_familia'),
      status: z.enum(STATUSES, 'debe ser activo, suspendido, retirado, proteccion_laboral o fallecido'),
      mobile: z
        .string()
        .refine((v) => checkMobile(v).ok, 'debe ser un celular colombiano de 10 dígitos que empieza por 3')
        .optional(),
      email: z
        .string()
        .refine((v) => checkEmail(v).ok, 'no es un correo electrónico válido')
        .optional(),
      address: z
        .string()
        .refine((v) => checkAddress(v).ok, 'debe tener entre 5 y 120 caracteres, sin < > { } ni \\')
        .optional(),
      municipalityCode: z
        .string()
        .regex(MUNICIPALITY_CODE, 'debe ser un código DIVIPOLA de 5 dígitos')
        .refine((c) => codes.municipalities.has(c), 'no es un municipio de DIVIPOLA'),
      documentIssueDate: date.optional(),
      affiliationDate: date,
      ipsCode: z
        .string()
        .regex(IPS_CODE, 'debe ser un código de habilitación de IPS de 12 dígitos')
        .refine((c) => codes.ips.has(c), 'no es una IPS registrada')
        .optional(),
      headDocumentType: documentType,
      headDocumentNumber: z.string().max(DOCUMENT_NUMBER_MAX_LENGTH, 'es demasiado largo para este tipo de documento'),
      relationship: z.enum(RELATIONSHIPS, 'debe ser cabeza, conyuge, hijo, padre u otro'),
    })
    .transform((record, ctx) => {
      const own = checkDocumentNumber(record.documentType, record.documentNumber);
      if (!own.ok) ctx.addIssue({ code: 'custom', path: ['documentNumber'], message: NUMBER_PROBLEMS[own.reason] });
      const head = checkDocumentNumber(record.headDocumentType, record.headDocumentNumber);
      if (!head.ok) ctx.addIssue({ code: 'custom', path: ['headDocumentNumber'], message: NUMBER_PROBLEMS[head.reason] });
      if (!own.ok || !head.ok) return z.NEVER;
      const selfHead = record.headDocumentType === record.documentType && head.number === own.number;
      if (selfHead !== (record.relationship === 'cabeza')) {
        ctx.addIssue({
          code: 'custom',
          path: ['relationship'],
          message: selfHead ? 'quien es cabeza de su núcleo lleva relationship cabeza' : 'solo la cabeza del núcleo lleva relationship cabeza',
        });
      }
      for (const field of ['documentIssueDate', 'affiliationDate'] as const) {
        const value = record[field];
        if (value !== undefined && value < record.birthDate) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'no puede ser anterior a la fecha de nacimiento' });
        }
      }
      const normalized: AffiliateRecord = {
        ...record,
        documentNumber: own.number,
        headDocumentNumber: head.number,
        mobile: record.mobile === undefined ? undefined : (checkMobile(record.mobile) as { mobile: string }).mobile,
        email: record.email === undefined ? undefined : (checkEmail(record.email) as { email: string }).email,
        address: record.address === undefined ? undefined : (checkAddress(record.address) as { address: string }).address,
      };
      return normalized;
    });
}

export interface AffiliateRecordSchema {
  safeParse(raw: unknown): { success: true; data: AffiliateRecord } | { success: false; error: z.ZodError };
}

/**
 * The record check: the fast path of recordFastPath.ts for records it can confirm, zod for everything else
 * (and for every error message). `fastPath: false` runs zod alone (the test that compares the two).
 */
export function affiliateRecordSchema(codes: ReferenceCodes, today: () => IsoDate, options: { fastPath?: boolean } = {}): AffiliateRecordSchema {
  const schema = checkedRecordSchema(codes, today);
  const fast = options.fastPath === false ? undefined : recordFastPath(codes, today);
  return {
    safeParse(raw) {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return schema.safeParse(raw) as ReturnType<AffiliateRecordSchema['safeParse']>;
      const input = prepareAffiliateInput(raw as Record<string, unknown>);
      const record = fast?.(input);
      if (record) return { success: true, data: record };
      return schema.safeParse(input) as ReturnType<AffiliateRecordSchema['safeParse']>;
    },
  };
}

export interface FieldProblem {
  field?: string;
  message: string;
}

/** The first problem of a failed parse, as `field` + Spanish message. */
export function firstProblem(error: z.ZodError): FieldProblem {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  if (issue?.code === 'invalid_type' && issue.input === undefined) return { field, message: `${field}: falta este campo` };
  return { field, message: field ? `${field}: ${issue?.message ?? 'no es válido'}` : (issue?.message ?? 'no es válido') };
}
