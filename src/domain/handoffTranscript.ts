// What agents read of a conversation: the messages (the bot's turns too) of the recent part that led to a
// handoff, with secrets and personal identifiers removed when stored. Nothing here is ever logged.
import { REDACTED } from './masking';

export type TranscriptAuthor = 'user' | 'bot' | 'agent';

export interface TranscriptAttachment {
  name?: string;
  contentType?: string;
  /** Files the user sent are staged; agents open them through the console's file endpoint. */
  stagedId?: string;
  size?: number;
}

export interface TranscriptEntry {
  id: number;
  conversationKey: string;
  author: TranscriptAuthor;
  agentId?: string;
  text?: string;
  /** Titles of the numbered options the bot offered, as the user saw them. */
  options?: string[];
  attachments?: TranscriptAttachment[];
  /** The channel marked content it cannot carry (sticker, audio, location…). */
  unsupportedContent?: string;
  /** First entry of a turn in which the logged-in person changed (login, logout, expiry). */
  startsSession?: boolean;
  at: Date;
}

export type NewTranscriptEntry = Omit<TranscriptEntry, 'id'>;

/**
 * What an agent gets of a conversation: the last 30 minutes before the handoff was requested (what led to
 * it) and what was said until it closed. Older turns, or turns of conversations that never reached an
 * agent, are not needed for anyone's purpose and are purged (services/retentionPurge.ts).
 */
export const HANDOFF_CONTEXT_MS = 30 * 60_000;

export function handoffTranscriptWindow(handoff: { requestedAt: Date; closedAt?: Date }): { from: Date; to?: Date } {
  return { from: new Date(handoff.requestedAt.getTime() - HANDOFF_CONTEXT_MS), to: handoff.closedAt };
}

// "Tu código es 482913", "contraseña temporal: Xy7#kq9", "OTP 1234": the keyword stays, the value goes.
const SECRET_AFTER_KEYWORD =
  /\b(contrase(?:ñ|n)a|clave|c[oó]digo|code|otp|pin|password)((?:\s+(?:temporal|de\s+verificaci[oó]n|de\s+acceso|de\s+seguridad|nueva|provisional))?\s*(?:es|fue|será|sera|:|=)?\s*)([^\s,;]*\d[^\s,;]*?)(?=\.?(?:[\s,;]|$))/giu;

/**
 * Removes values that look like passwords or one-time codes from a text the bot sent. Codes of filed
 * requests (AUT-2026-000123, PQR-…) are kept: agents need them and they are not secrets.
 */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_AFTER_KEYWORD, (whole, keyword: string, between: string, value: string) => {
    if (/^(AUT|PQR)-\d{4}-\d+/i.test(value)) return whole;
    return `${keyword}${between}${REDACTED}`;
  });
}

const MONTHS = 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
const PERSONAL_DATA: RegExp[] = [
  // Dates: 14/03/2008, 14-03-2008, 2008-03-14, 14.03.08, "14 de marzo de 2008" (birth and issue dates are
  // what recovery asks for).
  /\b\d{4}-\d{1,2}-\d{1,2}\b/g,
  /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/g,
  new RegExp(`\\b\\d{1,2}\\s+de\\s+(?:${MONTHS})(?:\\s+(?:de|del)\\s+\\d{4})?\\b`, 'giu'),
  // Document, phone and other long numbers, also written 1.045.678.901 or 300 111 2233. Numbers inside
  // filing codes (AUT-2026-000123) are not touched: the lookbehind skips what follows a dash or a letter.
  /(?<![\p{L}\d-])\d(?:[.\s-]?\d){4,}(?![\p{L}\d])/gu,
  // Mixed codes (certificate verification codes and the like): 6+ characters with letters and digits.
  /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,}\b/g,
];

/**
 * Removes what identifies a person or opens something in their name from a message kept for agents:
 * document and phone numbers, dates, verification codes. Filing codes (AUT-…, PQR-…) stay: they are what the
 * agent and the affiliate talk about, and alone they open nothing (a lookup also needs the document).
 */
export function redactPersonalData(text: string): string {
  // Filing codes are split out first (odd parts of the split), so no pattern can take part of one.
  return text
    .split(/(\b(?:AUT|PQR)-\d{4}-\d+\b)/i)
    .map((part, index) => (index % 2 === 1 ? part : PERSONAL_DATA.reduce((out, pattern) => out.replace(pattern, REDACTED), part)))
    .join('');
}

/** Everything a stored transcript line goes through. */
export function redactForTranscript(text: string): string {
  return redactPersonalData(redactSecrets(text));
}

