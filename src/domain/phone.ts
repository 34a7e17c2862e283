// Colombian mobile numbers: 10 digits starting with 3 (Plan Nacional de Numeración). People type them with
// the country code (+57, 57, 0057), spaces, dashes, dots or parentheses; we keep the 10 national digits.
import { maskKeepingEnds } from './masking';

export type MobileProblem = 'empty' | 'invalid_characters' | 'wrong_length' | 'not_mobile';

export type MobileCheck = { ok: true; mobile: string } | { ok: false; reason: MobileProblem };

export function checkMobile(input: string): MobileCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, reason: 'empty' };
  if (!/^[+\d\s().-]+$/.test(trimmed)) return { ok: false, reason: 'invalid_characters' };
  let digits = trimmed.replace(/\D/g, '');
  // Country code only when it leaves 10 digits: "573001112233", "+57 300…", "0057 300…".
  if (digits.length === 14 && digits.startsWith('0057')) digits = digits.slice(4);
  else if (digits.length === 12 && digits.startsWith('57')) digits = digits.slice(2);
  if (digits.length !== 10) return { ok: false, reason: 'wrong_length' };
  // Landlines are 10 digits too since 2021 (60 + area), so the leading 3 is what makes it a mobile.
  if (!digits.startsWith('3')) return { ok: false, reason: 'not_mobile' };
  return { ok: true, mobile: digits };
}

/** The 10 national digits, or undefined when it is not a Colombian mobile. */
export function normalizeMobile(input: string): string | undefined {
  const check = checkMobile(input);
  return check.ok ? check.mobile : undefined;
}

export function isColombianMobile(input: string): boolean {
  return checkMobile(input).ok;
}

/** "3001112233" → "+573001112233" (SMS gateways and WhatsApp want E.164). */
export function toE164(mobile: string): string {
  return `+57${mobile}`;
}

/** "3001112233" → "300****233": enough for the owner to recognise it. */
export function maskPhone(mobile: string): string {
  return maskKeepingEnds(mobile, 3, 3);
}
