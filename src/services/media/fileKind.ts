// What a file is, judged by its first bytes only: names and declared types are whatever the sender's
// phone or browser said, and a photo renamed "orden.pdf" is still a photo.
import { startsAsPdf } from '../pdfInspection';

export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heif' | 'gif';
export type FileKind = 'pdf' | ImageKind | 'other';

/** ISO base media "ftyp" brands of HEIF images (iPhone HEIC photos, AVIF, generic HEIF). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

export function fileKindOf(bytes: Uint8Array): FileKind {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 32));
  if (startsAsPdf(b)) return 'pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return 'gif';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp' && HEIF_BRANDS.has(b.toString('latin1', 8, 12))) return 'heif';
  return 'other';
}
