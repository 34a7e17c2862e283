// Outbound files travel inside activities as data: URLs (the certificate PDF); each WhatsApp channel
// sends the decoded bytes as a document. Anything else is left out rather than sent half-working.
import { Activity, Attachment } from 'botbuilder';
import { cleanFileName } from '../../domain/fileNames';

export interface OutboundFile {
  contentType: string;
  filename: string;
  data: Buffer;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)(?:;[\w-]+=[^;,]*)*;base64,(.*)$/s;

/** The file an attachment carries as a base64 data: URL, or undefined when it is not one. */
export function fileFromAttachment(attachment: Attachment): OutboundFile | undefined {
  const match = typeof attachment.contentUrl === 'string' ? DATA_URL.exec(attachment.contentUrl) : null;
  if (!match) return undefined;
  const contentType = attachment.contentType || match[1];
  const fallbackName = contentType === 'application/pdf' ? 'documento.pdf' : 'archivo';
  return { contentType, filename: cleanFileName(attachment.name, fallbackName), data: Buffer.from(match[2], 'base64') };
}

export function filesOf(activity: Partial<Activity>): OutboundFile[] {
  return (activity.attachments ?? []).map(fileFromAttachment).filter((f): f is OutboundFile => f !== undefined);
}
