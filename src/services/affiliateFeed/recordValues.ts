// The values an affiliate record's coded fields take, and the calendar-date test: shared by the zod schema
// (affiliateRecord.ts) and its fast path (recordFastPath.ts), so that the two never disagree on them.

export const SEXES = ['F', 'M'] as const;
export const REGIMES = ['contributivo', 'subsidiado'] as const;
export const AFFILIATE_TYPES = ['cotizante', 'beneficiario', 'cabeza_familia'] as const;
export const STATUSES = ['activo', 'suspendido', 'retirado', 'proteccion_laboral', 'fallecido'] as const;
export const RELATIONSHIPS = ['cabeza', 'conyuge', 'hijo', 'padre', 'otro'] as const;

/** Longest text a name field takes, and a document number before it is checked against its type. */
export const NAME_MAX_LENGTH = 100;
export const DOCUMENT_NUMBER_MAX_LENGTH = 40;

export const MUNICIPALITY_CODE = /^\d{5}$/;
export const IPS_CODE = /^\d{12}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The same answer as isIsoDate (a real calendar day written YYYY-MM-DD) by arithmetic: three dates per line
 * of a million-line file made building Date objects the import's largest cost after parsing.
 */
export function isCalendarDate(value: string): boolean {
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}
