// The agent's reply with a file: multipart/form-data with a "text" field and one "file" part. Only PDFs
// reach users (`%PDF-` at offset 0, 15 MB at most, counted while reading); the name is cleaned.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { HttpError } from '../server/httpErrors';
import { refuseContentEncoding } from '../server/jsonBody';
import type { AgentFile } from '../services/ports/handoff';
import { MAX_UPLOAD_BYTES } from '../storage/stagedFiles';

export const MAX_REPLY_TEXT = 4000;

export interface AgentReplyForm {
  text?: string;
  file?: AgentFile;
}

const tooLarge = () =>
  new HttpError(413, 'file_too_large', `El archivo supera el tamaño máximo de ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB.`, { Connection: 'close' });

/** "../../etc/informe final.pdf" → "informe final.pdf"; control characters and quotes removed. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = withoutControlCharacters(base).replace(/"/g, '').trim().slice(0, 120);
  if (cleaned === '') return 'documento.pdf';
  return /\.pdf$/i.test(cleaned) ? cleaned : `${cleaned}.pdf`;
}

/** Drops C0 controls and DEL: they have no business in a file name or a header. */
export function withoutControlCharacters(text: string): string {
  return [...text].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
}

export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

async function readLimited(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readReplyForm(req: IncomingMessage): Promise<AgentReplyForm> {
  refuseContentEncoding(req);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + 64 * 1024) throw tooLarge();
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 1, fields: 2, parts: 3, fieldSize: MAX_REPLY_TEXT * 4 } });
  } catch {
    throw new HttpError(400, 'malformed_multipart', 'El envío no es un multipart/form-data válido.');
  }
  const form: AgentReplyForm = {};
  let file: Promise<void> = Promise.resolve();
  const done = new Promise<void>((resolve, reject) => {
    parser.on('field', (name: string, value: string) => {
      if (name === 'text') form.text = value;
    });
    parser.on('file', (name: string, stream: Readable, info: busboy.FileInfo) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      file = readLimited(stream, MAX_UPLOAD_BYTES).then((bytes) => {
        if (bytes.length === 0) return;
        if (!isPdf(bytes)) throw new HttpError(415, 'only_pdf', 'Solo puedes enviar documentos PDF.');
        form.file = { name: cleanFileName(info.filename), contentType: 'application/pdf', bytes };
      });
      file.catch((error: unknown) => {
        stream.resume();
        reject(error);
      });
    });
    parser.on('filesLimit', () => reject(new HttpError(413, 'too_many_files', 'Envía un solo archivo a la vez.')));
    parser.on('error', () => reject(new HttpError(400, 'malformed_multipart', 'El envío no es un multipart/form-data válido.')));
    parser.on('close', () => resolve());
  });
  req.pipe(parser);
  try {
    await done;
    await file;
  } catch (error) {
    req.unpipe(parser);
    req.resume();
    throw error;
  }
  return form;
}
