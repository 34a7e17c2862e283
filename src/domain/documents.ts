// Identity document numbers: per-type format checks, normalisation of what people type, recognising the type
// from words, and masking. The format checks are deliberately lenient — a real person must never be turned
// away by a regex; the affiliate record is the real check. Rules (after removing dots, spaces and dashes):
//   CC  3–10 digits, no leading zero (old cédulas have as few as 3 digits; current NUIP ones 10)
//   TI  10–11 digits (NUIP 10; older ones 11, built from the birth date)
//   RC  8–11 letters/digits (NUIP 10–11; older serials have letters)
//   CE  3–10 digits (Migración Colombia issues up to 7 today; room to grow)
//   PA  5–16 letters/digits (passports of any country; RIPS allows 16)
//   PE  6–15 digits (PEP numbers are 15 digits)
//   PT  4–15 letters/digits (PPT numbers; a typed "PPT" prefix is dropped)
//   CN  6–15 digits (certificado de nacido vivo)
//   AS, MS, CD, SC, DE  4–16 letters/digits (codes assigned by the EPS or other countries)
import { DOCUMENT_TYPES, type DocumentTypeCode } from './model/documentType';
import { maskKeepingEnds } from './masking';
import { compactAlnum, foldText } from './text';

export interface NumberRule {
  numeric: boolean;
  minLength: number;
  maxLength: number;
}

export const DOCUMENT_NUMBER_RULES: Record<DocumentTypeCode, NumberRule> = {
  CC: { numeric: true, minLength: 3, maxLength: 10 },
  TI: { numeric: true, minLength: 10, maxLength: 11 },
  RC: { numeric: false, minLength: 8, maxLength: 11 },
  CE: { numeric: true, minLength: 3, maxLength: 10 },
  PA: { numeric: false, minLength: 5, maxLength: 16 },
  PE: { numeric: true, minLength: 6, maxLength: 15 },
  PT: { numeric: false, minLength: 4, maxLength: 15 },
  CN: { numeric: true, minLength: 6, maxLength: 15 },
  AS: { numeric: false, minLength: 4, maxLength: 16 },
  MS: { numeric: false, minLength: 4, maxLength: 16 },
  CD: { numeric: false, minLength: 4, maxLength: 16 },
  SC: { numeric: false, minLength: 4, maxLength: 16 },
  DE: { numeric: false, minLength: 4, maxLength: 16 },
};

export function documentTypeName(code: DocumentTypeCode): string {
  return DOCUMENT_TYPES.find((t) => t.code === code)?.name ?? code;
}

export type DocumentNumberProblem = 'empty' | 'not_numeric' | 'invalid_characters' | 'too_short' | 'too_long' | 'leading_zero';

export type DocumentNumberCheck =
  | { ok: true; number: string }
  | { ok: false; reason: DocumentNumberProblem; rule: NumberRule };

/** "1.045.678.901" → "1045678901"; "ab-123 456" → "AB123456". Keeps anything else so the check can refuse it. */
export function normalizeDocumentNumber(input: string, type?: DocumentTypeCode): string {
  const trimmed = input.trim();
  // Only separators are dropped; other symbols stay so that "123*45" is refused rather than silently changed.
  let value = trimmed.replace(/[\s.,\-_/]/g, '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  if (type === 'PT') value = value.replace(/^PPT(?=\w)/, '');
  return value;
}

export function checkDocumentNumber(type: DocumentTypeCode, input: string): DocumentNumberCheck {
  const rule = DOCUMENT_NUMBER_RULES[type];
  const number = normalizeDocumentNumber(input, type);
  const fail = (reason: DocumentNumberProblem): DocumentNumberCheck => ({ ok: false, reason, rule });
  if (!number) return fail('empty');
  if (rule.numeric && /^[0-9]+$/.test(number) === false) {
    return fail(/^[A-Z0-9]+$/.test(number) ? 'not_numeric' : 'invalid_characters');
  }
  if (!/^[A-Z0-9]+$/.test(number)) return fail('invalid_characters');
  if (number.length < rule.minLength) return fail('too_short');
  if (number.length > rule.maxLength) return fail('too_long');
  if (type === 'CC' && number.startsWith('0')) return fail('leading_zero');
  return { ok: true, number };
}

export function isDocumentNumber(type: DocumentTypeCode, input: string): boolean {
  return checkDocumentNumber(type, input).ok;
}

// Words people use for each type, folded (no accents, lower case). Longer phrases are tried first,
// so "cedula de extranjeria" wins over "cedula".
const TYPE_WORDS: [string, DocumentTypeCode][] = (
  [
    ['cedula de ciudadania', 'CC'], ['cedula', 'CC'], ['cc', 'CC'], ['c c', 'CC'], ['cedula ciudadana', 'CC'],
    ['tarjeta de identidad', 'TI'], ['tarjeta identidad', 'TI'], ['ti', 'TI'], ['t i', 'TI'], ['tarjeta', 'TI'],
    ['registro civil de nacimiento', 'RC'], ['registro civil', 'RC'], ['registro', 'RC'], ['rc', 'RC'], ['r c', 'RC'],
    ['nuip', 'RC'],
    ['cedula de extranjeria', 'CE'], ['cedula extranjeria', 'CE'], ['extranjeria', 'CE'], ['ce', 'CE'], ['c e', 'CE'],
    ['pasaporte', 'PA'], ['pa', 'PA'], ['pas', 'PA'], ['pp', 'PA'],
    ['permiso especial de permanencia', 'PE'], ['permiso especial', 'PE'], ['pep', 'PE'], ['pe', 'PE'],
    ['permiso por proteccion temporal', 'PT'], ['permiso de proteccion temporal', 'PT'], ['proteccion temporal', 'PT'],
    ['ppt', 'PT'], ['pt', 'PT'],
    ['certificado de nacido vivo', 'CN'], ['nacido vivo', 'CN'], ['cn', 'CN'],
    ['adulto sin identificacion', 'AS'], ['as', 'AS'],
    ['menor sin identificacion', 'MS'], ['ms', 'MS'],
    ['carne diplomatico', 'CD'], ['carnet diplomatico', 'CD'], ['diplomatico', 'CD'], ['cd', 'CD'],
    ['salvoconducto de permanencia', 'SC'], ['salvoconducto', 'SC'], ['sc', 'SC'],
    ['documento extranjero', 'DE'], ['documento de identificacion extranjero', 'DE'], ['de', 'DE'],
  ] as [string, DocumentTypeCode][]
).sort((a, b) => b[0].length - a[0].length);

/** The document type named in `text` ("c.c.", "Cédula de extranjería", "PPT"), or undefined. */
export function recognizeDocumentType(text: string): DocumentTypeCode | undefined {
  const said = ` ${foldText(text).replace(/^(mi|una?|la|el|con|por) /, '')} `;
  return TYPE_WORDS.find(([words]) => said === ` ${words} `)?.[1] ?? TYPE_WORDS.find(([words]) => words.length > 3 && said.includes(` ${words} `))?.[1];
}

/**
 * Splits "CC 1.045.678.901" or "cédula 1045678901" into type and number; either may be missing.
 * The number is the trailing run of digits/letters after the type words.
 */
export function parseDocumentInput(text: string): { type?: DocumentTypeCode; number?: string } {
  const match = /^(.*?)[\s:#]*([0-9][0-9.\s-]*[0-9]|[A-Za-z]{0,3}[0-9]{3,}[A-Za-z0-9]*)\s*$/.exec(text.trim());
  if (!match) return { type: recognizeDocumentType(text) };
  const type = match[1].trim() ? recognizeDocumentType(match[1]) : undefined;
  return { type, number: compactAlnum(match[2]) };
}

/** "1045678901" → "******8901": the last 4 characters (last 2 for short numbers) stay visible. */
export function maskDocument(number: string): string {
  return maskKeepingEnds(number, 0, number.length >= 8 ? 4 : 2);
}

/** The type people usually hold at an age (RC under 7, TI 7–17, CC from 18), for Colombian nationals. */
export function expectedDocumentTypeForAge(age: number): 'RC' | 'TI' | 'CC' {
  if (age < 7) return 'RC';
  if (age < 18) return 'TI';
  return 'CC';
}

/** Whole years between an ISO birth date and an ISO day. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * A soft check (never a refusal: people renew documents late): 'unusual' when a national document type
 * does not fit the age, e.g. a CC for a 10-year-old. Foreign and special documents always fit.
 */
export function documentTypeFitsAge(type: DocumentTypeCode, age: number): 'ok' | 'unusual' {
  if (type !== 'RC' && type !== 'TI' && type !== 'CC') return 'ok';
  const expected = expectedDocumentTypeForAge(age);
  if (type === expected) return 'ok';
  // Just past a threshold people still carry the previous document for a while.
  if (type === 'RC' && expected === 'TI' && age < 8) return 'ok';
  if (type === 'TI' && expected === 'CC' && age < 19) return 'ok';
  return 'unusual';
}
