import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { DEFAULT_PARSE_LIMITS, DEFAULT_PDF_MAX_BYTES, inspectPdf } from '../../src/services/pdfInspection';
import {
  badPdfCorpus,
  handmadePdf,
  jpegBytes,
  largePdf,
  manyObjectsPdf,
  MIB,
  objectStreamBombPdf,
  PDF_LIMIT_BYTES,
  pdfWithPages,
  rawPdf,
  smallPdf,
} from '../helpers/pdfCorpus';

describe('inspectPdf accepts clean PDFs', () => {
  it('a small generated PDF of 3 pages (about 1 KB)', async () => {
    const bytes = await smallPdf();
    expect(bytes.length).toBeLessThan(2048);
    expect(await inspectPdf(bytes)).toEqual({ ok: true, pages: 3 });
  });

  it('counts the pages', async () => {
    expect(await inspectPdf(await pdfWithPages(12))).toEqual({ ok: true, pages: 12 });
  });

  it('a hand-made classic PDF (control for the hand-crafted bad ones)', async () => {
    expect(await inspectPdf(handmadePdf())).toEqual({ ok: true, pages: 1 });
  });

  it('a PDF with an ordinary link (/URI) is not active content', async () => {
    const withLink = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>',
      '<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://www.minsalud.gov.co) >> >>',
    ]);
    expect(await inspectPdf(withLink)).toEqual({ ok: true, pages: 1 });
  });

  it('a 14.9 MiB PDF, just under the limit, quickly', async () => {
    const bytes = await largePdf();
    expect(bytes.length).toBe(Math.round(14.9 * MIB));
    expect(bytes.length).toBeLessThan(DEFAULT_PDF_MAX_BYTES);
    const start = performance.now();
    const result = await inspectPdf(bytes, { maxBytes: PDF_LIMIT_BYTES });
    const ms = performance.now() - start;
    expect(result).toEqual({ ok: true, pages: 2 });
    console.info(`inspectPdf on ${(bytes.length / MIB).toFixed(1)} MiB: ${ms.toFixed(0)} ms`);
    // Measured ~100 ms on the 2-core build machine; 3 s is the "answer within a chat turn" bound.
    expect(ms).toBeLessThan(3000);
  });
});

describe('inspectPdf refuses bad uploads with the reason to tell the user', () => {
  it.each(badPdfCorpus().map((c) => [c.name, c] as const))('%s', async (_name, badCase) => {
    const result = await inspectPdf(await badCase.bytes(), { maxBytes: PDF_LIMIT_BYTES });
    expect(result).toMatchObject({ ok: false, reason: badCase.reason });
  });

  it('the JPEG of the corpus is a real JPEG (magic bytes), not random junk', () => {
    const jpeg = jpegBytes();
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('uses the limit it is given', async () => {
    const bytes = await smallPdf();
    expect(await inspectPdf(bytes, { maxBytes: bytes.length })).toMatchObject({ ok: true });
    expect(await inspectPdf(bytes, { maxBytes: bytes.length - 1 })).toEqual({ ok: false, reason: 'too_large' });
  });

  it('a file of 4 bytes "%PDF" is not a PDF', async () => {
    expect(await inspectPdf(Buffer.from('%PDF'))).toEqual({ ok: false, reason: 'not_pdf' });
  });

  it('a header followed by junk, with %%EOF, cannot be parsed or is refused', async () => {
    const junk = Buffer.from('%PDF-1.7\nthis is not a pdf\nstartxref\n0\n%%EOF\n');
    const result = await inspectPdf(junk);
    expect(result.ok).toBe(false);
  });

  it('gives a technical detail for logs, never file content', async () => {
    const bad = badPdfCorpus().find((c) => c.name === 'Launch action');
    expect(await inspectPdf(await bad!.bytes())).toEqual({ ok: false, reason: 'active_content', detail: '/Launch' });
  });
});

describe('inspectPdf bounds what a hostile file can cost', () => {
  it('stops a decompression bomb before it takes the memory (64 KB → 64 MiB object stream)', async () => {
    const bomb = await objectStreamBombPdf();
    expect(bomb.length).toBeLessThan(128 * 1024);
    const before = process.memoryUsage().rss;
    const start = performance.now();
    const result = await inspectPdf(bomb);
    expect(result).toEqual({ ok: false, reason: 'unreadable', detail: 'limit: decoded_bytes' });
    expect(performance.now() - start).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MIB);
  });

  it('stops parsing a file of too many objects (the default limit is 50,000; a smaller one keeps the test fast)', async () => {
    const limits = { ...DEFAULT_PARSE_LIMITS, maxObjects: 1_000 };
    expect(await inspectPdf(await manyObjectsPdf(2_000), { limits })).toEqual({ ok: false, reason: 'unreadable', detail: 'limit: objects' });
    expect(await inspectPdf(await manyObjectsPdf(500), { limits })).toEqual({ ok: true, pages: 1 });
  });

  it('stops at the time limit it is given', async () => {
    const limits = { ...DEFAULT_PARSE_LIMITS, maxObjects: 1_000_000, maxMilliseconds: 1 };
    expect(await inspectPdf(await manyObjectsPdf(2_000), { limits })).toEqual({ ok: false, reason: 'unreadable', detail: 'limit: time' });
  });

  it('budgets are per inspection: a bomb and a good file inspected at the same time', async () => {
    const [bad, good] = await Promise.all([inspectPdf(await objectStreamBombPdf()), inspectPdf(await pdfWithPages(12))]);
    expect(bad).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(good).toEqual({ ok: true, pages: 12 });
  });

  it('pdf-lib used elsewhere (outside an inspection) is unaffected', async () => {
    await inspectPdf(await objectStreamBombPdf());
    const doc = await PDFDocument.load(await pdfWithPages(2));
    expect(doc.getPageCount()).toBe(2);
  });
});
