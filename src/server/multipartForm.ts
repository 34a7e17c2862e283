// multipart/form-data read once, the same way for every upload (web chat files, agents' replies): the
// body may not be compressed, its declared length is checked before reading, busboy's own limits bound
// the parts, and every failure becomes an HTTP error with a Spanish message. Parts are handed to the
// caller as they arrive; what to do with their bytes is the caller's business.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { HttpError } from './httpErrors';
import { refuseContentEncoding } from './jsonBody';

export interface MultipartOptions {
  /** Refused before reading when Content-Length says more. */
  maxRequestBytes: number;
  tooLarge: () => HttpError;
  limits: busboy.Limits;
  tooManyFiles: () => HttpError;
  /** `abort` stops reading the request at once (an oversized part): the reader rejects with that error. */
  onFile(field: string, stream: Readable, info: busboy.FileInfo, abort: (error: unknown) => void): void;
  onField?(field: string, value: string): void;
}

const malformed = () => new HttpError(400, 'malformed_multipart', 'El envío no es un multipart/form-data válido.');

/** Resolves once every part was handed over; rejects with the first problem (parts may still be open). */
export function readMultipart(req: IncomingMessage, options: MultipartOptions): Promise<void> {
  refuseContentEncoding(req);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxRequestBytes) throw options.tooLarge();
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'El envío debe ser multipart/form-data.');
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: options.limits });
  } catch {
    throw malformed();
  }
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('file', (field: string, stream: Readable, info: busboy.FileInfo) => options.onFile(field, stream, info, reject));
    parser.on('field', (field: string, value: string) => options.onField?.(field, value));
    parser.on('filesLimit', () => reject(options.tooManyFiles()));
    parser.on('error', () => reject(malformed()));
    parser.on('close', () => resolve());
    const interrupted = () => reject(new HttpError(400, 'upload_interrupted', 'El envío se interrumpió.'));
    req.on('error', interrupted);
    req.once('close', () => {
      if (!req.readableEnded) interrupted();
    });
  });
  req.pipe(parser);
  return parsed.catch((error: unknown) => {
    req.unpipe(parser);
    throw error;
  });
}

/**
 * Discards what is left of a refused request body so the client can read our answer, up to a bound;
 * past it the connection is cut.
 */
export function discardBody(req: IncomingMessage, maxBytes: number): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) {
        req.off('data', onData);
        req.socket.destroySoon();
        resolve();
      }
    };
    req.on('data', onData);
    req.once('end', () => resolve());
    req.once('error', () => resolve());
    req.once('close', () => resolve());
    req.resume();
  });
}
