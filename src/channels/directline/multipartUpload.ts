// Reads a Direct Line upload (multipart/form-data: one part "activity" with the activity JSON, one part
// "file" per file) and streams every file straight into the staged-file store, with the size limit
// enforced while streaming: an oversized file never reaches memory or stays on disk.
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { FileTooLargeError, StagedFileStore, StagedQuotaError } from '../../storage/stagedFiles';
import { HttpError } from '../../server/httpErrors';
import { refuseContentEncoding } from '../../server/jsonBody';

export interface ReceivedFile {
  id: string;
  size: number;
  contentType: string;
  name: string;
}

export interface ReceivedUpload {
  /** The parsed "activity" part, if any. */
  template: unknown;
  files: ReceivedFile[];
}

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxActivityBytes?: number;
  /** Whose quotas the staged files count against (the conversation, the client address). */
  owners?: string[];
}

const MB = 1024 * 1024;

function tooLarge(maxFileBytes: number): HttpError {
  const mb = Math.round((maxFileBytes / MB) * 10) / 10;
  return new HttpError(413, 'file_too_large', `El archivo supera el tamaño máximo de ${mb} MB.`, { Connection: 'close' });
}

function quotaReached(error: StagedQuotaError): HttpError {
  return error.scope === 'owner'
    ? new HttpError(429, 'upload_quota_exceeded', 'Ya enviaste muchos archivos en poco tiempo. Termina o cancela el trámite y vuelve a intentarlo.', { Connection: 'close', 'Retry-After': '900' })
    : new HttpError(503, 'upload_storage_full', 'En este momento no podemos recibir archivos. Inténtalo de nuevo más tarde.', { Connection: 'close', 'Retry-After': '900' });
}

async function readSmall(stream: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'activity_too_large', 'La parte "activity" es demasiado grande.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseTemplate(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'malformed_json', 'La parte "activity" no es JSON válido.');
  }
}

function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? 'archivo' : cleaned;
}

/**
 * Discards what is left of a refused request body so the client can read our answer, up to a bound;
 * past it the connection is cut.
 */
export function drain(req: IncomingMessage, maxBytes: number): Promise<void> {
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

/** The most a whole upload request may carry: its files plus room for the activity and the boundaries. */
export function uploadRequestLimit(maxFileBytes: number, maxFiles: number): number {
  return maxFiles * maxFileBytes + MB;
}

export async function receiveUpload(req: IncomingMessage, staged: StagedFileStore, limits: UploadLimits): Promise<ReceivedUpload> {
  refuseContentEncoding(req);
  const maxRequestBytes = uploadRequestLimit(limits.maxFileBytes, limits.maxFiles);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxRequestBytes) throw tooLarge(limits.maxFileBytes);
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'La subida debe ser multipart/form-data.');
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: { files: limits.maxFiles + 1, fields: 4, parts: limits.maxFiles + 5, fieldSize: limits.maxActivityBytes ?? 64 * 1024 },
    });
  } catch {
    throw new HttpError(400, 'malformed_multipart', 'La subida no es un multipart/form-data válido.');
  }

  const files: Promise<ReceivedFile>[] = [];
  const openParts = new Set<Readable>();
  let template: Promise<unknown> = Promise.resolve(undefined);

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('file', (field: string, stream: Readable, info: busboy.FileInfo) => {
      if (field === 'activity') {
        template = readSmall(stream, limits.maxActivityBytes ?? 64 * 1024).then(parseTemplate);
        template.catch(() => undefined);
        return;
      }
      if (field !== 'file') {
        stream.resume();
        return;
      }
      if (files.length >= limits.maxFiles) {
        stream.resume();
        reject(new HttpError(413, 'too_many_files', `Puedes enviar hasta ${limits.maxFiles} archivos a la vez.`, { Connection: 'close' }));
        return;
      }
      // The store attaches its pipeline after an await; a part cut short before that must not
      // become an uncaught 'error' event (the pipeline still sees the stream's error and rejects).
      stream.on('error', () => undefined);
      openParts.add(stream);
      stream.once('close', () => openParts.delete(stream));
      const contentType = info.mimeType || 'application/octet-stream';
      const name = cleanName(info.filename);
      const put = staged
        .put(stream, { maxBytes: limits.maxFileBytes, declaredType: contentType, declaredName: name, owners: limits.owners })
        .then((stagedInfo) => ({ id: stagedInfo.id, size: stagedInfo.size, contentType, name }));
      // Stop reading the request at the first oversized file; the rest is drained below.
      put.catch((error: unknown) => reject(error));
      files.push(put);
    });
    parser.on('field', (field: string, value: string) => {
      if (field !== 'activity') return;
      template = Promise.resolve(value).then(parseTemplate);
      template.catch(() => undefined);
    });
    parser.on('filesLimit', () => reject(new HttpError(413, 'too_many_files', `Puedes enviar hasta ${limits.maxFiles} archivos a la vez.`)));
    parser.on('error', () => reject(new HttpError(400, 'malformed_multipart', 'La subida no es un multipart/form-data válido.')));
    parser.on('close', () => resolve());
    const interrupted = () => reject(new HttpError(400, 'upload_interrupted', 'La subida se interrumpió.'));
    req.on('error', interrupted);
    req.once('close', () => {
      if (!req.readableEnded) interrupted();
    });
  });
  req.pipe(parser);

  try {
    await parsed;
    const received = await Promise.all(files);
    return { template: await template, files: received };
  } catch (error) {
    req.unpipe(parser);
    // A client that went away mid-file leaves its part open: end it so the store removes the partial file.
    for (const part of openParts) part.destroy(new Error('upload abandoned'));
    const settled = await Promise.allSettled(files);
    await Promise.all(settled.map((result) => (result.status === 'fulfilled' ? staged.remove(result.value.id) : undefined)));
    await drain(req, maxRequestBytes);
    if (error instanceof FileTooLargeError) throw tooLarge(limits.maxFileBytes);
    if (error instanceof StagedQuotaError) throw quotaReached(error);
    throw error;
  }
}
