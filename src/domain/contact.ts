// Contact data the affiliate types: e-mail (checked with zod, limits of RFC 5321: 64 for the local part,
// 254 in all) and postal address (free text with sane length; rural addresses have no street numbers,
// so no pattern is imposed beyond refusing markup and control characters).
import { z } from 'zod';

const emailSchema = z.email();

export type EmailProblem = 'empty' | 'too_long' | 'invalid';
export type EmailCheck = { ok: true; email: string } | { ok: false; reason: EmailProblem };

export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_MAX_LENGTH = 64;

/** Trims and lower-cases the domain (the local part may be case-sensitive in theory; we leave it). */
export function checkEmail(input: string): EmailCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, reason: 'empty' };
  const at = trimmed.lastIndexOf('@');
  if (trimmed.length > EMAIL_MAX_LENGTH || (at > EMAIL_LOCAL_MAX_LENGTH)) return { ok: false, reason: 'too_long' };
  const email = at > 0 ? `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}` : trimmed;
  return emailSchema.safeParse(email).success ? { ok: true, email } : { ok: false, reason: 'invalid' };
}

export function isEmail(input: string): boolean {
  return checkEmail(input).ok;
}

export type AddressProblem = 'empty' | 'too_short' | 'too_long' | 'invalid_characters';
export type AddressCheck = { ok: true; address: string } | { ok: false; reason: AddressProblem };

export const ADDRESS_MIN_LENGTH = 5;
export const ADDRESS_MAX_LENGTH = 120;

/** "  Calle 45   # 12-34 " → "Calle 45 # 12-34". */
export function checkAddress(input: string): AddressCheck {
  const address = input.replace(/\s+/g, ' ').trim();
  if (!address) return { ok: false, reason: 'empty' };
  // eslint-disable-next-line no-control-regex
  if (/[<>{}\\\u0000-\u001f\u007f]/.test(address)) return { ok: false, reason: 'invalid_characters' };
  if (address.length < ADDRESS_MIN_LENGTH) return { ok: false, reason: 'too_short' };
  if (address.length > ADDRESS_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  return { ok: true, address };
}
