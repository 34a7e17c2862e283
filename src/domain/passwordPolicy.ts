// Password rules of NIST SP 800-63B / OWASP ASVS 5: length is what matters (8 to 128 characters, counted as
// Unicode characters, never truncated), no composition rules, and a refusal of common or guessable values:
// the blocklist in data/commonPasswords.txt and the holder's own document number.
// `generateTemporaryPassword` makes the one-time password sent by SMS (changed at first login).
import { randomInt } from 'node:crypto';
import { readReferenceText } from './referenceData';

export const PASSWORD_MIN_LENGTH = 8;
/** Policy asks to allow at least 64; we accept up to 128 and never cut what was typed. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_document' | 'repeated_character';

export type PasswordCheck = { ok: true } | { ok: false; reasons: PasswordProblem[] };

export interface PasswordContext {
  /** The holder's document number: a password containing it is the first thing an attacker tries. */
  documentNumber?: string;
}

let commonPasswords: Set<string> | undefined;

/** Lower case, no accents: "Contraseña123" and "contrasena123" are the same guess. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function blocklist(): Set<string> {
  commonPasswords ??= new Set(
    readReferenceText('commonPasswords.txt')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map(fold),
  );
  return commonPasswords;
}

export function isCommonPassword(password: string): boolean {
  return blocklist().has(fold(password.normalize('NFC')));
}

export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const normalized = password.normalize('NFC');
  const length = [...normalized].length;
  const reasons: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) reasons.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) reasons.push('too_long');
  if (isCommonPassword(normalized)) reasons.push('common');
  // "aaaaaaaaaa" or "1111111111111" of any length: a single repeated character.
  else if (length > 0 && new Set(normalized).size === 1) reasons.push('repeated_character');
  const document = context.documentNumber?.replace(/\D/g, '') ?? '';
  if (document.length >= 4 && normalized.replace(/[\s.-]/g, '').includes(document)) reasons.push('contains_document');
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

// No 0/O, 1/l/I: the temporary password is read from an SMS and typed by hand.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
export const TEMPORARY_PASSWORD_ALPHABET = UPPER + LOWER + DIGITS;
export const TEMPORARY_PASSWORD_LENGTH = 10;

/**
 * 10 characters from a 57-symbol alphabet (~58 bits) drawn with crypto.randomInt; it holds an upper-case
 * letter, a lower-case letter and a digit (so it fits any system downstream), and it meets checkPassword.
 */
export function generateTemporaryPassword(context: PasswordContext = {}, random: (max: number) => number = randomInt): string {
  for (;;) {
    let candidate = '';
    for (let i = 0; i < TEMPORARY_PASSWORD_LENGTH; i++) {
      candidate += TEMPORARY_PASSWORD_ALPHABET[random(TEMPORARY_PASSWORD_ALPHABET.length)];
    }
    const mixed = [UPPER, LOWER, DIGITS].every((set) => [...candidate].some((c) => set.includes(c)));
    if (mixed && checkPassword(candidate, context).ok) return candidate;
  }
}
