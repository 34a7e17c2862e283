// What a log line may show of an outgoing text: a word that could be a secret or an identifier (4+
// characters with a digit, or letters mixed with symbols: passwords, codes, document and phone numbers,
// links) becomes "[oculto]". Plain words and short numbers ("30 min") stay, so a developer can still
// tell which notice it was.
import { REDACTED } from '../../domain/masking';

function isSuspect(core: string): boolean {
  if (core.length === 0) return false;
  if (/\d/.test(core) && core.length >= 4) return true;
  return /\p{L}/u.test(core) && /[^\p{L}]/u.test(core);
}

export function maskSecretsForLog(text: string): string {
  return text
    .split(/(\s+)/)
    .map((part) => {
      // Sentence punctuation around a word stays; only the word itself is judged.
      const [, lead, core, trail] = /^([¿¡("']*)(.*?)([.,;:!?)"']*)$/su.exec(part)!;
      return isSuspect(core) ? `${lead}${REDACTED}${trail}` : part;
    })
    .join('');
}

/** The masked text on one line, short enough that the logger keeps it whole (it cuts strings past 120). */
export function logPreview(text: string, max = 118): string {
  const line = maskSecretsForLog(text).replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
