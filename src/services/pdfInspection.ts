// Decides whether uploaded bytes are a PDF we accept as a support document (README, "Uploads: PDFs and
// photos"): "%PDF-" at offset 0, within the size limit, complete (%%EOF at the end, startxref pointing at a
// cross-reference), parsed by a real PDF library, not encrypted, and without active content (JavaScript,
// launch actions, embedded files, additional actions, XFA, RichMedia, form submission). The file name and the
// declared content type are never trusted: only the bytes are looked at. Checks run cheapest first, so junk
// is refused before any parsing.
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFStream,
  ParseSpeeds,
} from 'pdf-lib';
import { type ParseLimits, withParseBudget } from './pdfParseBudget';

export const DEFAULT_PDF_MAX_BYTES = 15 * 1024 * 1024;

export type PdfRefusalReason =
  | 'not_pdf' // no "%PDF-" at offset 0 (a photo, a text file, an HTML page…)
  | 'too_large'
  | 'empty' // zero bytes, or a PDF without pages
  | 'truncated' // no %%EOF at the end, or a broken cross-reference: cut or damaged in transit
  | 'encrypted' // needs a password: nobody at the EPS could open it
  | 'active_content' // could run something on the reader's machine
  | 'unreadable' // the PDF library cannot parse it, or it costs more than the parse budget
  | 'busy'; // too many files being inspected right now: nothing was decided about this one

export type PdfInspection =
  | { ok: true; pages: number }
  | { ok: false; reason: PdfRefusalReason; /** technical detail for logs (never file content) */ detail?: string };

/**
 * What one inspection may spend inside pdf-lib (see pdfParseBudget.ts). Real supports are far below:
 * a 15 MB scan has a few hundred objects; a 500-page report a few tens of thousands.
 */
export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxDecodedBytes: 32 * 1024 * 1024,
  maxObjects: 50_000,
  maxMilliseconds: 5_000,
  // Direct objects of real supports are small: a page dictionary has a dozen keys, a /Kids array one item
  // per page, strings are titles and dates. Content (text, images) lives in streams, which are not tokens.
  syntax: { maxTokens: 1_000_000, maxObjects: 50_000, maxDictEntries: 4_096, maxArrayItems: 65_536, maxStringBytes: 256 * 1024, maxDepth: 64 },
};

export interface InspectPdfOptions {
  maxBytes?: number;
  limits?: ParseLimits;
}

const HEADER = Buffer.from('%PDF-', 'latin1');
/** PDF readers look for %%EOF in the last 1,024 bytes; so do we. */
const TAIL_BYTES = 1024;

/**
 * Names that mark active content wherever they appear as a dictionary key or value. /AA is additional
 * actions (on page open, field focus…); /OpenAction is only dangerous through the action it names,
 * which the same walk inspects; /URI links stay allowed (ordinary in medical results).
 */
const ACTIVE_NAMES = new Set([
  '/JavaScript',
  '/JS',
  '/Launch',
  '/EmbeddedFile',
  '/EmbeddedFiles',
  '/AA',
  '/RichMedia',
  '/XFA',
  '/SubmitForm',
  '/ImportData',
  '/GoToE',
  '/Sound',
  '/Movie',
]);

/** `%PDF-` at offset 0: the one signature check every upload path uses. */
export function startsAsPdf(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER.length && HEADER.equals(bytes.subarray(0, HEADER.length));
}

/** The refusals that need no parsing (size and signature), or undefined. */
export function quickRefusal(bytes: Uint8Array, maxBytes = DEFAULT_PDF_MAX_BYTES): PdfInspection | undefined {
  if (bytes.length === 0) return refuse('empty');
  if (bytes.length > maxBytes) return refuse('too_large');
  if (!startsAsPdf(bytes)) return refuse('not_pdf');
  return undefined;
}

/**
 * Inspects in the calling thread: the server calls it through PdfInspectionPool (a worker thread);
 * a direct call is for that worker, tests and scripts.
 */
export async function inspectPdf(bytes: Buffer, options: InspectPdfOptions = {}): Promise<PdfInspection> {
  const refused = quickRefusal(bytes, options.maxBytes);
  if (refused) return refused;

  const structure = checkStructure(bytes);
  if (structure) return refuse('truncated', structure);
  if (trailerDeclaresEncryption(bytes)) return refuse('encrypted', 'trailer /Encrypt');

  // Strict parsing (throwOnInvalidObject): a damaged object is a refusal, not a guess; it also keeps
  // pdf-lib from logging about the upload.
  const loaded = await withParseBudget(options.limits ?? DEFAULT_PARSE_LIMITS, bytes, () =>
    PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true, parseSpeed: ParseSpeeds.Fast }),
  );
  if (!loaded.ok) {
    return refuse('unreadable', 'exceeded' in loaded ? `limit: ${loaded.exceeded}` : errorName(loaded.error));
  }
  const doc = loaded.value;
  if (doc.isEncrypted || doc.context.trailerInfo.Encrypt !== undefined) return refuse('encrypted', 'parsed /Encrypt');

  const active = findActiveContent(doc);
  if (active) return refuse('active_content', active);

  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (error) {
    return refuse('unreadable', errorName(error));
  }
  return pages === 0 ? refuse('empty', 'no pages') : { ok: true, pages };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'parse error';
}

function refuse(reason: PdfRefusalReason, detail?: string): PdfInspection {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

/**
 * A complete file ends with %%EOF and its last startxref points at a cross-reference table ("xref") or
 * stream ("N G obj"). Refusing a wrong pointer also closes the door on files built to parse differently
 * in different readers. Returns what is wrong, or undefined.
 */
function checkStructure(bytes: Buffer): string | undefined {
  const tail = bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('latin1');
  if (!tail.includes('%%EOF')) return 'no %%EOF';
  const match = /startxref\s+(\d+)\s+%%EOF(?![\s\S]*startxref)/.exec(tail);
  if (!match) return 'no startxref';
  const offset = Number(match[1]);
  if (offset >= bytes.length) return 'startxref beyond end';
  const at = bytes.subarray(offset, Math.min(bytes.length, offset + 32)).toString('latin1').replace(/^\s+/, '');
  if (!/^xref\b/.test(at) && !/^\d+\s+\d+\s+obj\b/.test(at)) return 'startxref points nowhere';
  return undefined;
}

/**
 * Reads /Encrypt straight from the trailer (classic "trailer << … >>") or the cross-reference stream
 * dictionary, before and independently of the parser: an encrypted file is refused even if the library
 * would open it with ignoreEncryption.
 */
function trailerDeclaresEncryption(bytes: Buffer): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('latin1');
  const dictionaries: string[] = [];
  const trailerAt = tail.lastIndexOf('trailer');
  if (trailerAt >= 0) dictionaries.push(tail.slice(trailerAt, tail.indexOf('startxref', trailerAt)));
  const offset = Number(/startxref\s+(\d+)/.exec(tail)?.[1]);
  if (Number.isFinite(offset)) {
    const xrefObject = bytes.subarray(offset, Math.min(bytes.length, offset + 4096)).toString('latin1');
    if (/^\s*\d+\s+\d+\s+obj\b/.test(xrefObject)) dictionaries.push(xrefObject.split(/\bstream\b/)[0]);
  }
  // "/Encrypt" followed by a reference or a dictionary; "/EncryptMetadata" does not count.
  return dictionaries.some((dictionary) => /\/Encrypt[\s<\d]/.test(dictionary));
}

/** Canonical name text: "/J#61va#53cript" and lower-case escapes ("/#4aS") decoded, as readers do. */
function canonicalName(name: PDFName): string {
  let text = name.asString();
  for (let i = 0; i < 3 && text.includes('#'); i++) {
    text = text.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return text;
}

/** Walks every indirect object (object streams included) and the direct objects nested inside them. */
function findActiveContent(doc: PDFDocument): string | undefined {
  const stack: PDFObject[] = doc.context.enumerateIndirectObjects().map(([, object]) => object);
  const trailer = doc.context.trailerInfo;
  for (const entry of [trailer.Root, trailer.Info]) if (entry) stack.push(entry as PDFObject);
  while (stack.length > 0) {
    const object = stack.pop();
    if (object instanceof PDFName) {
      const name = canonicalName(object);
      if (ACTIVE_NAMES.has(name)) return name;
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const name = canonicalName(key);
        if (ACTIVE_NAMES.has(name)) return name;
        stack.push(value);
      }
    } else if (object instanceof PDFStream || object instanceof PDFRawStream) {
      stack.push(object.dict);
    } else if (object instanceof PDFArray) {
      // One by one: spreading an array of millions of items into push() overflows the call stack.
      for (const item of object.asArray()) stack.push(item);
    }
  }
  return undefined;
}
