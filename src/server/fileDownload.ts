// One way to hand a file a stranger sent (a support, a file relayed in a handoff) to staff: always a
// download (Content-Disposition: attachment) with nosniff and a sandbox CSP, so a hostile PDF, or HTML
// disguised as one, never runs on our origin. The type comes from the bytes, never from what the
// sender declared.
import type { ServerResponse } from 'node:http';
import { asPdfName, cleanFileName } from '../domain/fileNames';
import { startsAsPdf } from '../services/pdfInspection';

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
export function attachmentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Sends `bytes` as a download named after `sentName` (cleaned; `fallback` when nothing usable is left).
 * A photo the bot turned into a PDF downloads as "foto.pdf", not as a ".jpg" holding a PDF.
 */
export function sendDownload(res: ServerResponse, bytes: Buffer, sentName: string | undefined, fallback: string): void {
  const pdf = startsAsPdf(bytes);
  const cleaned = cleanFileName(sentName, fallback);
  res.setHeader('Content-Type', pdf ? 'application/pdf' : 'application/octet-stream');
  res.setHeader('Content-Disposition', attachmentDisposition(pdf ? asPdfName(cleaned) : cleaned));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', bytes.length);
  res.writeHead(200);
  res.end(bytes);
}
