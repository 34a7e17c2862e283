// Reads a Direct Line upload (multipart/form-data: one part "activity" with the activity JSON, one part
// "file" per file) and streams every file straight into the staged-file store, with the size limit
// enforced while streaming: an oversized file never reaches memory or stays on disk.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { cleanFileName } from '../../domain/fileNames';
import { HttpError } from '../../server/httpErrors';
import { discardBody, readMultipart } from '../../server/multipartForm';
import { readBounded } from '../../services/io/boundedStream';
import { FileTooLargeError, StagedFileStore, StagedQuotaError } from '../../storage/stagedFileStore';

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

function parseTemplate(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'malformed_json', 'La parte "activity" no es JSON válido.');
  }
}

/** The most a whole upload request may carry: its files plus room for the activity and the boundaries. */
export function uploadRequestLimit(maxFileBytes: number, maxFiles: number): number {
  return maxFiles * maxFileBytes + MB;
}

export async function receiveUpload(req: IncomingMessage, staged: StagedFileStore, limits: UploadLimits): Promise<ReceivedUpload> {
  const maxRequestBytes = uploadRequestLimit(limits.maxFileBytes, limits.maxFiles);
  const maxActivityBytes = limits.maxActivityBytes ?? 64 * 1024;
  const tooManyFiles = () =>
    new HttpError(413, 'too_many_files', `Puedes enviar hasta ${limits.maxFiles} archivos a la vez.`, { Connection: 'close' });
  const files: Promise<ReceivedFile>[] = [];
  const openParts = new Set<Readable>();
  let template: Promise<unknown> = Promise.resolve(undefined);

  // Header checks (encoding, declared length, type) throw here, before anything is read.
  const parsing = readMultipart(req, {
    maxRequestBytes,
    tooLarge: () => tooLarge(limits.maxFileBytes),
    limits: { files: limits.maxFiles + 1, fields: 4, parts: limits.maxFiles + 5, fieldSize: maxActivityBytes },
    tooManyFiles,
    onFile(field, stream, info, abort) {
      if (field === 'activity') {
        const activityTooLarge = () => new HttpError(413, 'activity_too_large', 'La parte "activity" es demasiado grande.');
        template = readBounded(stream, maxActivityBytes, activityTooLarge).then((bytes) => parseTemplate(bytes.toString('utf8')));
        template.catch(() => undefined);
        return;
      }
      if (field !== 'file') {
        stream.resume();
        return;
      }
      if (files.length >= limits.maxFiles) {
        stream.resume();
        abort(tooManyFiles());
        return;
      }
      // The store attaches its pipeline after an await; a part cut short before that must not
      // become an uncaught 'error' event (the pipeline still sees the stream's error and rejects).
      stream.on('error', () => undefined);
      openParts.add(stream);
      stream.once('close', () => openParts.delete(stream));
      const contentType = info.mimeType || 'application/octet-stream';
      const name = cleanFileName(info.filename, 'archivo', 200);
      const put = staged
        .put(stream, { maxBytes: limits.maxFileBytes, declaredType: contentType, declaredName: name, owners: limits.owners })
        .then((stagedInfo) => ({ id: stagedInfo.id, size: stagedInfo.size, contentType, name }));
      // Stop reading the request at the first oversized file; the rest is drained below.
      put.catch(abort);
      files.push(put);
    },
    onField(field, value) {
      if (field !== 'activity') return;
      template = Promise.resolve(value).then(parseTemplate);
      template.catch(() => undefined);
    },
  });
  try {
    await parsing;
    const received = await Promise.all(files);
    return { template: await template, files: received };
  } catch (error) {
    // A client that went away mid-file leaves its part open: end it so the store removes the partial file.
    for (const part of openParts) part.destroy(new Error('upload abandoned'));
    const settled = await Promise.allSettled(files);
    await Promise.all(settled.map((result) => (result.status === 'fulfilled' ? staged.remove(result.value.id) : undefined)));
    await discardBody(req, maxRequestBytes);
    if (error instanceof FileTooLargeError) throw tooLarge(limits.maxFileBytes);
    if (error instanceof StagedQuotaError) throw quotaReached(error);
    throw error;
  }
}
