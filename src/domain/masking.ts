// Masks for what agents, SMS and chat replies may show of personal data (Ley 1581 de 2012, Colombia's
// personal data law; docs/conversation-conventions.md, Secrets and personal data):
// enough for a person to recognise their own data, too little for anyone else to use it.

/** Keeps `keepStart` leading and `keepEnd` trailing characters; the rest become `*` (length preserved). */
export function maskKeepingEnds(value: string, keepStart: number, keepEnd: number): string {
  const chars = [...value];
  if (keepStart + keepEnd >= chars.length) {
    // Too short to show anything safely: hide all but the last character.
    return chars.length <= 1 ? '*' : '*'.repeat(chars.length - 1) + chars[chars.length - 1];
  }
  return (
    chars.slice(0, keepStart).join('') +
    '*'.repeat(chars.length - keepStart - keepEnd) +
    chars.slice(chars.length - keepEnd).join('')
  );
}

/** "María Fernanda Pérez Gómez" → "María F. P.": the first name whole, other names as initials. */
export function maskName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const [first, ...rest] = words;
  // Particles ("de", "del", "la") are not initials anyone recognises.
  const initials = rest.filter((w) => !/^(de|del|la|las|los|y)$/i.test(w)).map((w) => `${[...w][0].toUpperCase()}.`);
  return [first, ...initials].join(' ');
}

/** "maria.perez@gmail.com" → "m********z@gmail.com": the domain stays, it helps people recognise the address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskKeepingEnds(email, 0, 0);
  const local = email.slice(0, at);
  const masked = local.length <= 2 ? '*'.repeat(local.length) : maskKeepingEnds(local, 1, 1);
  return `${masked}${email.slice(at)}`;
}

/** Secrets (passwords, one-time codes) are never shown, not even partly. */
export const REDACTED = '[oculto]';
