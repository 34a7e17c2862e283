// What agents read of a conversation: every inbound and outbound message (the bot's turns too), with
// secrets already removed when stored. Nothing here is ever logged.
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
