// The agent's reply with a file: multipart/form-data with a "text" field and one "file" part, read with
// the shared multipart reader (15 MB at most, counted while reading). The file goes through the same PDF
// inspection as users' uploads (in its worker thread) before it reaches anyone; the name is cleaned.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { asPdfName, cleanFileName } from '../../domain/fileNames';
import { HttpError } from '../httpErrors';
import { discardBody, readMultipart } from '../multipartForm';
import { readBounded } from '../../services/io/boundedStream';
import type { PdfInspection, PdfRefusalReason } from '../../services/pdfInspection';
import type { AgentFile } from '../../services/ports/handoff';
import { MAX_UPLOAD_BYTES } from '../../storage/stagedFileStore';

export const MAX_REPLY_TEXT = 4000;

export interface AgentReplyForm {
  text?: string;
  file?: AgentFile;
}

export type PdfInspector = (bytes: Buffer) => Promise<PdfInspection>;

const tooLarge = () =>
  new HttpError(413, 'file_too_large', `El archivo supera el tamaño máximo de ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB.`, { Connection: 'close' });

/** What the agent is told when the inspection refuses the file. */
const REFUSALS: Record<PdfRefusalReason, () => HttpError> = {
  not_pdf: () => new HttpError(415, 'only_pdf', 'Solo puedes enviar documentos PDF.'),
  too_large: tooLarge,
  empty: () => new HttpError(422, 'pdf_refused', 'El PDF está vacío o no tiene páginas.'),
  truncated: () => new HttpError(422, 'pdf_refused', 'El PDF está dañado o incompleto.'),
  unreadable: () => new HttpError(422, 'pdf_refused', 'El PDF está dañado o es demasiado complejo para revisarlo.'),
  encrypted: () => new HttpError(422, 'pdf_refused', 'El PDF tiene contraseña; envíalo sin contraseña.'),
  active_content: () =>
    new HttpError(422, 'pdf_refused', 'El PDF trae contenido activo (JavaScript, archivos incrustados o acciones) y no se envía.'),
  busy: () =>
    new HttpError(503, 'busy', 'Estamos revisando muchos archivos en este momento; intenta de nuevo en un minuto.', { 'Retry-After': '30' }),
};

export async function readReplyForm(req: IncomingMessage, inspect: PdfInspector): Promise<AgentReplyForm> {
  const form: AgentReplyForm = {};
  let file: Promise<{ name?: string; bytes: Buffer } | undefined> = Promise.resolve(undefined);
  const maxRequestBytes = MAX_UPLOAD_BYTES + 64 * 1024;
  // Header checks (encoding, declared length, type) throw here, before anything is read.
  const parsing = readMultipart(req, {
    maxRequestBytes,
    tooLarge,
    limits: { files: 1, fields: 2, parts: 3, fieldSize: MAX_REPLY_TEXT * 4 },
    tooManyFiles: () => new HttpError(413, 'too_many_files', 'Envía un solo archivo a la vez.'),
    onField(name, value) {
      if (name === 'text') form.text = value;
    },
    onFile(name, stream: Readable, info, abort) {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      file = readBounded(stream, MAX_UPLOAD_BYTES, tooLarge).then((bytes) => ({ name: info.filename, bytes }));
      file.catch((error: unknown) => {
        stream.resume();
        abort(error);
      });
    },
  });
  try {
    await parsing;
    const received = await file;
    if (received && received.bytes.length > 0) {
      const inspection = await inspect(received.bytes);
      if (!inspection.ok) throw REFUSALS[inspection.reason]();
      form.file = { name: asPdfName(cleanFileName(received.name, 'documento.pdf')), contentType: 'application/pdf', bytes: received.bytes };
    }
  } catch (error) {
    await discardBody(req, maxRequestBytes);
    throw error;
  }
  return form;
}
