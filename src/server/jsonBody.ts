// JSON bodies are parsed per route, never by a global bodyParser: the WhatsApp webhook needs the raw bytes
// for its signature. The size limit counts the bytes actually received, and compressed bodies are refused
// (restify's bodyParser counts compressed bytes, so a small gzip could inflate past any limit).
import type { IncomingMessage } from 'node:http';
import { readBounded } from '../services/io/boundedStream';
import { HttpError } from './httpErrors';

export const DEFAULT_JSON_LIMIT = 64 * 1024;

/** Refuses a body sent with a Content-Encoding other than identity. */
export function refuseContentEncoding(req: IncomingMessage): void {
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding.trim().toLowerCase() !== 'identity') {
    throw new HttpError(415, 'content_encoding_not_supported', 'Los cuerpos comprimidos (Content-Encoding) no se aceptan.');
  }
}

/** Refuses early when the declared length is already past the limit. */
export function refuseDeclaredLength(req: IncomingMessage, maxBytes: number): void {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new HttpError(413, 'body_too_large', `El cuerpo supera el límite de ${maxBytes} bytes.`, { Connection: 'close' });
  }
}

/** Reads the whole body into memory, refusing past maxBytes while reading. */
export async function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  refuseContentEncoding(req);
  refuseDeclaredLength(req, maxBytes);
  return readBounded(req, maxBytes, () => new HttpError(413, 'body_too_large', `El cuerpo supera el límite de ${maxBytes} bytes.`, { Connection: 'close' }));
}

function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(type);
}

/**
 * Parses a JSON body; an empty body gives undefined (callers decide whether that is acceptable).
 * Errors: 415 (not JSON, or compressed), 413 (too large), 400 (malformed).
 */
export async function readJsonBody(req: IncomingMessage, options: { maxBytes?: number } = {}): Promise<unknown> {
  const maxBytes = options.maxBytes ?? DEFAULT_JSON_LIMIT;
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !isJsonType(req.headers['content-type'])) {
    throw new HttpError(415, 'unsupported_media_type', 'El cuerpo debe ser JSON (Content-Type: application/json).');
  }
  const raw = await readRawBody(req, maxBytes);
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'malformed_json', 'El cuerpo no es JSON válido.');
  }
}

/** Parses a JSON body that must be an object. */
export async function readJsonObject(req: IncomingMessage, options: { maxBytes?: number } = {}): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req, options);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', 'Se esperaba un objeto JSON.');
  }
  return body as Record<string, unknown>;
}
