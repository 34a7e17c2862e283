// A file a WhatsApp user sent becomes an attachment when it may be a support: a PDF, or a photo (JPEG,
// PNG, WebP, HEIC/HEIF, GIF) that the support intake turns into a PDF. The declared type only sorts out
// what is plainly something else (a Word file, a voice note); what the file is gets decided from its
// bytes later. The bytes go to the staged-file store (the limit enforced while writing) and the
// activity carries "staged:<id>". Anything else is reported as unsupported content, which MainDialog
// answers kindly.
import { Attachment } from 'botbuilder';
import { Readable } from 'node:stream';
import { FileTooLargeError, MAX_UPLOAD_BYTES, StagedFileInfo, StagedFileStore } from '../../storage/stagedFileStore';

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

const IMAGE_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/gif': 'gif',
};

function baseType(mimeType: string | undefined): string {
  return (mimeType ?? '').split(';')[0].trim().toLowerCase();
}

export function isPdfType(mimeType: string | undefined, filename?: string): boolean {
  const type = baseType(mimeType);
  if (type === 'application/pdf') return true;
  // Some phones send PDFs as octet-stream; the dialogs check the %PDF- signature anyway.
  return type === 'application/octet-stream' && /\.pdf$/i.test(filename ?? '');
}

/** A PDF or a photo, as the sender declares it. */
export function isSupportType(mimeType: string | undefined, filename?: string): boolean {
  const type = baseType(mimeType);
  if (isPdfType(type, filename) || type in IMAGE_TYPES) return true;
  return type === 'application/octet-stream' && /\.(jpe?g|png|webp|heic|heif)$/i.test(filename ?? '');
}

/** A name to show for a file sent without one: WhatsApp photos have none. */
function nameFor(file: ReceivedFile): string {
  if (file.filename) return file.filename;
  const extension = IMAGE_TYPES[baseType(file.mimeType)];
  return extension ? `foto.${extension}` : 'documento.pdf';
}

export async function stageSupportFile(
  store: FileStager,
  file: ReceivedFile | undefined,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<StagedOutcome> {
  if (!file) return { unsupportedContent: 'file_unavailable' };
  if (!isSupportType(file.mimeType, file.filename)) return { unsupportedContent: 'document' };
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
  const contentType = baseType(file.mimeType) || 'application/octet-stream';
  const name = nameFor(file);
  try {
    const info = await store.put(source, { maxBytes, declaredType: contentType, declaredName: name });
    return { attachments: [{ contentType, name, contentUrl: StagedFileStore.urlOf(info.id) }] };
  } catch (error) {
    if (error instanceof FileTooLargeError) return { unsupportedContent: 'file_too_large' };
    throw error;
  }
}
