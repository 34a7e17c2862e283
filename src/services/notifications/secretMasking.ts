// What a log line may show of an outgoing text: a word that could be a secret or an identifier (4+
// characters with a digit, or letters mixed with symbols: passwords, codes, document and phone numbers,
// links) becomes "[oculto]". Plain words and short numbers ("30 min") stay, so a developer can still
// tell which notice it was.
import { REDACTED } from '../../domain/masking';

function isSuspect(word: string): boolean {
  const core = word.replace(/^[¿¡("']+|[.,;:!?)"']+$/gu, '');
  if (core.length === 0) return false;
  if (/\d/.test(core) && core.length >= 4) return true;
  return /\p{L}/u.test(core) && /[^\p{L}]/u.test(core);
}

export function maskSecretsForLog(text: string): string {
  return text
    .split(/(\s+)/)
    .map((part) => (isSuspect(part) ? REDACTED : part))
    .join('');
}
