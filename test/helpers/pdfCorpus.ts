// A generated corpus of good and bad "PDF" uploads, so every suite that accepts files (authorization
// requests, PQRDS, channels) tests the same cases without committing binaries. Each function returns the
// bytes a user could send; results are cached per process (the large ones take a moment to build).
// `badPdfCorpus()` lists every bad case with the refusal reason inspectPdf must give.
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { cached } from './cached';

export const MIB = 1024 * 1024;
/** The upload limit (15 MB, read as MiB: `MAX_UPLOAD_BYTES` in src/storage/stagedFileStore.ts; docs/conversation-conventions.md). */
export const PDF_LIMIT_BYTES = 15 * MIB;


async function documentWithPages(pages: number, title: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${title} - pagina ${i}`, { x: 50, y: 780, size: 14, font });
  }
  return doc;
}

async function save(doc: PDFDocument): Promise<Buffer> {
  // pdf-lib adds a blank page to a document without pages unless told not to.
  return Buffer.from(await doc.save({ addDefaultPage: false }));
}

// ── Good files ──────────────────────────────────────────────────────────────────────────────────────

/** A minimal valid PDF (one empty page, about 300 bytes), written by hand and returned at once. */
export function samplePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A small, clean PDF of 3 pages (about 1 KB): a medical order as a phone app would export it. */
export function smallPdf(): Promise<Buffer> {
  return cached('small', async () => save(await documentWithPages(3, 'Orden medica')));
}

/** A clean PDF of `pages` pages. */
export function pdfWithPages(pages: number): Promise<Buffer> {
  return cached(`pages:${pages}`, async () => save(await documentWithPages(pages, 'Soporte')));
}

/**
 * A clean 2-page PDF of about `targetBytes` (default 14.9 MiB, just under the limit): the bulk is a page
 * content stream of PDF comments, which every reader skips, so the file stays valid at any size.
 */
export function largePdf(targetBytes = Math.round(14.9 * MIB)): Promise<Buffer> {
  return cached(`large:${targetBytes}`, async () => {
    const build = async (fillerBytes: number) => {
      const doc = await documentWithPages(2, 'Historia clinica');
      const stream = doc.context.stream(commentFiller(fillerBytes));
      doc.getPage(0).node.addContentStream(doc.context.register(stream));
      // A classic cross-reference table (fixed-width offsets): only the digits of /Length and of the
      // startxref offset vary with the filler.
      return Buffer.from(await doc.save({ useObjectStreams: false }));
    };
    const overhead = (await build(0)).length; // with "/Length 0"
    let filler = Math.max(0, targetBytes - overhead);
    filler -= String(filler).length - 1 + (String(targetBytes).length - String(overhead).length);
    return build(filler);
  });
}

/** Lines of "% <hex>" — a comment in a content stream — totalling exactly `bytes` bytes. */
function commentFiller(bytes: number): Buffer {
  const out = Buffer.alloc(bytes, 0x20);
  const hex = randomBytes(Math.ceil(bytes / 2)).toString('hex');
  out.write(hex, 'latin1');
  for (let i = 0; i < bytes; i += 100) {
    out[i] = 0x25; // %
    if (i + 99 < bytes) out[i + 99] = 0x0a;
  }
  if (bytes > 0) out[bytes - 1] = 0x0a;
  return out;
}

// ── Bad files that pdf-lib can build ────────────────────────────────────────────────────────────────

/** Just over the limit (16 MiB): must be refused by size, whatever its content. */
export function oversizePdf(): Promise<Buffer> {
  return largePdf(16 * MIB);
}

/** A valid PDF with no page at all. */
export function zeroPagePdf(): Promise<Buffer> {
  return cached('zeroPages', async () => save(await PDFDocument.create()));
}

/** Opens with JavaScript (/OpenAction → /S /JavaScript), stored inside a compressed object stream. */
export function javascriptPdf(): Promise<Buffer> {
  return cached('javascript', async () => {
    const doc = await documentWithPages(1, 'Factura');
    const action = doc.context.obj({ S: 'JavaScript', JS: PDFString.of("app.alert('hola');") });
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
    return save(doc);
  });
}

/** Carries an attached file (/EmbeddedFiles name tree, /Type /EmbeddedFile stream). */
export function embeddedFilePdf(): Promise<Buffer> {
  return cached('embedded', async () => {
    const doc = await documentWithPages(1, 'Resultados');
    await doc.attach(Buffer.from('MZ not really a program'), 'programa.exe', { mimeType: 'application/octet-stream' });
    return save(doc);
  });
}

/** The first half of a good PDF: no %%EOF, no cross-reference. */
export function truncatedPdf(): Promise<Buffer> {
  return cached('truncated', async () => {
    const good = await pdfWithPages(4);
    return good.subarray(0, Math.floor(good.length / 2));
  });
}

/** A good PDF preceded by other bytes: "%PDF-" is not at offset 0 (some readers would still open it). */
export function pdfHeaderNotAtStart(): Promise<Buffer> {
  return cached('offsetHeader', async () => Buffer.concat([Buffer.from('<html>hola</html>\n'), await smallPdf()]));
}

// ── Hand-crafted files (pdf-lib cannot encrypt nor write these shapes) ──────────────────────────────

/**
 * Builds a classic PDF from object bodies (object 1 must be the catalog) with a correct cross-reference
 * table; `trailer` adds entries to the trailer dictionary.
 */
export function rawPdf(objects: string[], trailer = ''): Buffer {
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((content, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${content}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const PAGE_CONTENT = 'BT /F1 12 Tf 50 780 Td (Orden medica) Tj ET';
/** Objects 1–4: catalog (with `catalogExtra`), pages, one page (with `pageExtra`), its content. */
function basicObjects(catalogExtra = '', pageExtra = ''): string[] {
  return [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ` +
      `/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> ${pageExtra}>>`,
    `<< /Length ${PAGE_CONTENT.length} >>\nstream\n${PAGE_CONTENT}\nendstream`,
  ];
}

/** A plain hand-made PDF: the control case showing that rawPdf output is accepted. */
export function handmadePdf(): Buffer {
  return rawPdf(basicObjects());
}

/** Encrypted with the Standard security handler (RC4 40-bit dictionary): /Encrypt in the trailer. */
export function encryptedPdf(): Buffer {
  const hex32 = (seed: string) => seed.repeat(32).slice(0, 64);
  const objects = [
    ...basicObjects(),
    `<< /Filter /Standard /V 1 /R 2 /O <${hex32('28bf4e5e')}> /U <${hex32('4e758a41')}> /P -3904 >>`,
  ];
  return rawPdf(objects, '/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ');
}

/** Runs a program when opened (/OpenAction → /S /Launch). */
export function launchPdf(): Buffer {
  return rawPdf(basicObjects('/OpenAction << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> '));
}

/** JavaScript hidden behind name escapes: /J#61va#53cript and /#4aS with lower-case hex (= /JavaScript, /JS). */
export function obfuscatedJavascriptPdf(): Buffer {
  return rawPdf(basicObjects('/OpenAction << /S /J#61va#53cript /#4aS (app.alert(1)) >> '));
}

/** A page with additional actions (/AA): JavaScript when the page opens. */
export function pageActionsPdf(): Buffer {
  return rawPdf(basicObjects('', '/AA << /O << /S /JavaScript /JS (app.alert(2)) >> >> '));
}

/** An XFA form (/AcroForm /XFA): scriptable forms outside the PDF object model. */
export function xfaPdf(): Buffer {
  return rawPdf([...basicObjects('/AcroForm << /Fields [] /XFA 5 0 R >> '), '<< /Length 7 >>\nstream\n<xdp/>\nendstream']);
}

/** A RichMedia (Flash) annotation. */
export function richMediaPdf(): Buffer {
  return rawPdf([
    ...basicObjects('', '/Annots [5 0 R] '),
    '<< /Type /Annot /Subtype /RichMedia /Rect [0 0 100 100] >>',
  ]);
}

/** Ends with %%EOF, but startxref points into the middle of an object: a broken cross-reference. */
export function brokenXrefPdf(): Buffer {
  const good = handmadePdf().toString('latin1');
  return Buffer.from(good.replace(/startxref\n\d+/, 'startxref\n20'), 'latin1');
}

/**
 * A decompression bomb: a small file whose object stream inflates to `inflatedMiB` MiB (default 64 MiB
 * from ~64 KB). pdf-lib inflates object streams while loading, so without a limit this exhausts memory.
 */
export function objectStreamBombPdf(inflatedMiB = 64): Promise<Buffer> {
  return cached(`bomb:${inflatedMiB}`, async () => {
    const data = deflateSync(Buffer.alloc(inflatedMiB * MIB, 0x20), { level: 9 });
    const dict = `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`;
    return rawPdfWithBinary(basicObjects(), { dict, data });
  });
}

/** `count` tiny objects besides the page: too many to parse within the time budget. */
export function manyObjectsPdf(count = 60_000): Promise<Buffer> {
  return cached(`many:${count}`, async () =>
    rawPdf([...basicObjects(), ...Array.from({ length: count }, (_, i) => `<< /K ${i} >>`)]),
  );
}

// ── Huge direct objects ─────────────────────────────────────────────────────────────────────────────
// Valid PDFs whose cost is in one direct object that needs no decompression: measured on pdf-lib before
// the syntax scan, a 1,000,000-key dictionary took 3.5 s, a 14 MB literal string 4 s, and an array of
// 3,000,000 items overflowed the call stack. Each is referenced from the page, so it is not dead weight.

/** A page with a dictionary of `keys` entries (1,000,000 keys ≈ 10 MB). */
export function hugeDictionaryPdf(keys = 1_000_000): Promise<Buffer> {
  return cached(`dict:${keys}`, async () => {
    const entries = Array.from({ length: keys }, (_, i) => `/K${i} 1`).join(' ');
    return rawPdf([...basicObjects('', '/PieceInfo 5 0 R '), `<< ${entries} >>`]);
  });
}

/** A page whose /Title-like entry is one literal string of `bytes` bytes (14 MB by default). */
export function hugeStringPdf(bytes = 14 * MIB): Promise<Buffer> {
  return cached(`string:${bytes}`, async () => rawPdf([...basicObjects('', '/PieceInfo 5 0 R '), `(${'x'.repeat(bytes)})`]));
}

/** A page with an array of `items` numbers (3,000,000 by default). */
export function hugeArrayPdf(items = 3_000_000): Promise<Buffer> {
  return cached(`array:${items}`, async () => rawPdf([...basicObjects('', '/PieceInfo 5 0 R '), `[${'0 '.repeat(items)}]`]));
}

/** The dictionary bomb hidden in a compressed object stream (the raw file shows only deflated bytes). */
export function compressedHugeDictionaryPdf(keys = 1_000_000): Promise<Buffer> {
  return cached(`objstm-dict:${keys}`, async () => {
    const header = '6 0 ';
    const body = `<< ${Array.from({ length: keys }, (_, i) => `/K${i} 1`).join(' ')} >>`;
    const data = deflateSync(Buffer.from(header + body, 'latin1'), { level: 9 });
    const dict = `<< /Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`;
    return rawPdfWithBinary(basicObjects(), { dict, data });
  });
}

/** rawPdf with one extra object whose stream data is binary. */
function rawPdfWithBinary(objects: string[], binary: { dict: string; data: Buffer }): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0].length;
  const offsets: number[] = [];
  const add = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  objects.forEach((content, i) => {
    offsets.push(length);
    add(Buffer.from(`${i + 1} 0 obj\n${content}\nendobj\n`, 'latin1'));
  });
  offsets.push(length);
  add(Buffer.from(`${objects.length + 1} 0 obj\n${binary.dict}`, 'latin1'));
  add(binary.data);
  add(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const size = objects.length + 2;
  const xref = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  add(Buffer.from(`xref\n0 ${size}\n0000000000 65535 f \n${xref}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

// ── Not PDFs at all ─────────────────────────────────────────────────────────────────────────────────

/**
 * A real (tiny, decodable) JPEG: an 8×8 grey baseline image, built segment by segment, as a phone photo
 * renamed "orden.pdf" would arrive.
 */
export function jpegBytes(): Buffer {
  const segment = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  const huffmanSingleSymbol = (tableClassAndId: number) => [tableClassAndId, 1, ...new Array<number>(15).fill(0), 0x00];
  return Buffer.from([
    0xff, 0xd8, // SOI
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // APP0 "JFIF"
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]), // quantisation table 0, all ones
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // baseline 8×8, one component
    ...segment(0xc4, huffmanSingleSymbol(0x00)), // DC table: one code "0" → category 0
    ...segment(0xc4, huffmanSingleSymbol(0x10)), // AC table: one code "0" → end of block
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // start of scan
    0x3f, // DC "0", EOB "0", padded with ones
    0xff, 0xd9, // EOI
  ]);
}

/** A text file named .pdf. */
export function textFileBytes(): Buffer {
  return Buffer.from('Hola, les envío la orden médica.\nGracias.\n', 'utf8');
}

export function emptyFile(): Buffer {
  return Buffer.alloc(0);
}

// ── The table ──────────────────────────────────────────────────────────────────────────────────────

export type PdfRefusal = 'not_pdf' | 'too_large' | 'empty' | 'truncated' | 'encrypted' | 'active_content' | 'unreadable';

export interface BadPdfCase {
  name: string;
  /** What the user meant to send (for transcripts: the attachment's file name). */
  fileName: string;
  bytes: () => Promise<Buffer>;
  reason: PdfRefusal;
}

/**
 * Every bad upload a user may send by mistake, with the reason it must be refused for (maxBytes =
 * PDF_LIMIT_BYTES). Cheap enough for transcript tests; the hostile, slower cases (decompression bomb,
 * too many objects) are objectStreamBombPdf() and manyObjectsPdf().
 */
export function badPdfCorpus(): BadPdfCase[] {
  const now = (f: () => Buffer) => () => Promise.resolve(f());
  return [
    { name: 'empty file', fileName: 'vacio.pdf', bytes: now(emptyFile), reason: 'empty' },
    { name: 'JPEG renamed .pdf', fileName: 'orden.pdf', bytes: now(jpegBytes), reason: 'not_pdf' },
    { name: 'text file renamed .pdf', fileName: 'nota.pdf', bytes: now(textFileBytes), reason: 'not_pdf' },
    { name: '%PDF- not at offset 0', fileName: 'raro.pdf', bytes: pdfHeaderNotAtStart, reason: 'not_pdf' },
    { name: '16 MiB PDF', fileName: 'grande.pdf', bytes: oversizePdf, reason: 'too_large' },
    { name: 'truncated PDF (first half)', fileName: 'cortado.pdf', bytes: truncatedPdf, reason: 'truncated' },
    { name: 'broken cross-reference', fileName: 'xref.pdf', bytes: now(brokenXrefPdf), reason: 'truncated' },
    { name: 'encrypted PDF', fileName: 'clave.pdf', bytes: now(encryptedPdf), reason: 'encrypted' },
    { name: 'JavaScript on open', fileName: 'factura.pdf', bytes: javascriptPdf, reason: 'active_content' },
    { name: 'obfuscated JavaScript names', fileName: 'factura2.pdf', bytes: now(obfuscatedJavascriptPdf), reason: 'active_content' },
    { name: 'Launch action', fileName: 'lanzar.pdf', bytes: now(launchPdf), reason: 'active_content' },
    { name: 'embedded file', fileName: 'adjunto.pdf', bytes: embeddedFilePdf, reason: 'active_content' },
    { name: 'page additional actions', fileName: 'acciones.pdf', bytes: now(pageActionsPdf), reason: 'active_content' },
    { name: 'XFA form', fileName: 'formulario.pdf', bytes: now(xfaPdf), reason: 'active_content' },
    { name: 'RichMedia annotation', fileName: 'flash.pdf', bytes: now(richMediaPdf), reason: 'active_content' },
    { name: 'no pages', fileName: 'sin-paginas.pdf', bytes: zeroPagePdf, reason: 'empty' },
  ];
}
