// A file a WhatsApp user sent becomes an attachment only when it is a PDF within the size limit; its bytes
// go to the staged-file store (the limit enforced while writing) and the activity carries "staged:<id>".
// Anything else is reported as unsupported content, which MainDialog answers kindly.
import { Attachment } from 'botbuilder';
import { Readable } from 'node:stream';
import { FileTooLargeError, MAX_UPLOAD_BYTES, StagedFileInfo, StagedFileStore } from '../../storage/stagedFiles';

/** The part of StagedFileStore the channels use. */
export interface FileStager {
  put(
    source: Readable | Buffer,
    meta?: { maxBytes?: number; declaredType?: string; declaredName?: string },
  ): Promise<StagedFileInfo>;
}

export interface ReceivedFile {
  mimeType: string;
  filename?: string;
  /** Size the sender declared, when known: lets us refuse before decoding anything. */
  declaredSize?: number;
  base64?: string;
  stream?: Readable;
}

export type StagedOutcome = { attachments: Attachment[] } | { unsupportedContent: string };

export function isPdfType(mimeType: string | undefined, filename?: string): boolean {
  const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/pdf') return true;
  // Some phones send PDFs as octet-stream; the dialogs check the %PDF- signature anyway.
  return type === 'application/octet-stream' && /\.pdf$/i.test(filename ?? '');
}

export async function stagePdf(
  store: FileStager,
  file: ReceivedFile | undefined,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<StagedOutcome> {
  if (!file) return { unsupportedContent: 'file_unavailable' };
  if (!isPdfType(file.mimeType, file.filename)) return { unsupportedContent: 'document' };
  if (file.declaredSize !== undefined && file.declaredSize > maxBytes) return { unsupportedContent: 'file_too_large' };
  let source: Readable | Buffer;
  if (file.base64 !== undefined) {
    // 4 base64 characters carry 3 bytes: refuse an oversized file before decoding it.
    if (Math.floor((file.base64.length * 3) / 4) - 2 > maxBytes) return { unsupportedContent: 'file_too_large' };
    source = Buffer.from(file.base64, 'base64');
  } else if (file.stream) {
    source = file.stream;
  } else {
    return { unsupportedContent: 'file_unavailable' };
  }
  try {
    const info = await store.put(source, { maxBytes, declaredType: 'application/pdf', declaredName: file.filename });
    return {
      attachments: [
        { contentType: 'application/pdf', name: file.filename || 'documento.pdf', contentUrl: StagedFileStore.urlOf(info.id) },
      ],
    };
  } catch (error) {
    if (error instanceof FileTooLargeError) return { unsupportedContent: 'file_too_large' };
    throw error;
  }
}
