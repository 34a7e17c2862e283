// Verification codes printed on certificates: CERT-XXXX-XXXX-XXXX in Crockford base32 (no I, L, O, U, so
// nothing is misread when typed from paper). 11 random characters (55 bits: not guessable by trying) and a
// check character, so a mistyped or altered code is told apart before any lookup.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 11;
export const CERTIFICATE_CODE_PATTERN = /^CERT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Weighted sum mod 31 (a prime) over the random part: catches nearly every changed character and swap. */
function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]);
  return ALPHABET[sum % 31];
}

function group(chars: string, prefix = 'CERT'): string {
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The same kind of code under another prefix (AUTZ for issued authorizations). */
export function newVerificationCode(prefix: string, random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(RANDOM_CHARS);
  let body = '';
  for (let i = 0; i < RANDOM_CHARS; i++) body += ALPHABET[bytes[i] % 32];
  return group(body + checkChar(body), prefix);
}

export function newCertificateCode(random: (size: number) => Buffer = randomBytes): string {
  return newVerificationCode('CERT', random);
}

/**
 * The canonical form of what someone typed ("cert 7k3m-q9xd-2hpa", with o/i/l for 0/1/1), or undefined
 * when it cannot be a code we issued (wrong shape or failed check character).
 */
export function parseCertificateCode(input: string): string | undefined {
  return parseVerificationCode(input, 'CERT');
}

export function parseVerificationCode(input: string, prefix: string): string | undefined {
  const compact = input
    .toUpperCase()
    .replace(new RegExp(`^\\s*${prefix}`), '')
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== RANDOM_CHARS + 1 || [...compact].some((c) => !ALPHABET.includes(c))) return undefined;
  const body = compact.slice(0, RANDOM_CHARS);
  if (checkChar(body) !== compact[RANDOM_CHARS]) return undefined;
  return group(compact, prefix);
}
