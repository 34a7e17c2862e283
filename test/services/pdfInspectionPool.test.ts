import { afterAll, describe, expect, it } from 'vitest';
import { PdfInspectionPool } from '../../src/services/pdfInspectionPool';
import {
  compressedHugeDictionaryPdf,
  hugeArrayPdf,
  hugeDictionaryPdf,
  hugeStringPdf,
  jpegBytes,
  largePdf,
  objectStreamBombPdf,
  PDF_LIMIT_BYTES,
  pdfWithPages,
} from '../helpers/pdfCorpus';

const pool = new PdfInspectionPool();
afterAll(() => pool.close());

describe('PdfInspectionPool (inspection in a worker thread)', () => {
  it('accepts a clean PDF and counts its pages', async () => {
    expect(await pool.inspect(await pdfWithPages(4))).toEqual({ ok: true, pages: 4 });
  });

  it('answers the cheap refusals without a thread: a photo is not a PDF', async () => {
    let started = 0;
    pool.onInspectionStart = () => started++;
    expect(await pool.inspect(jpegBytes())).toEqual({ ok: false, reason: 'not_pdf' });
    expect(started).toBe(0);
    pool.onInspectionStart = undefined;
  });

  it.each([
    ['a dictionary of 1,000,000 keys (10 MB)', hugeDictionaryPdf, 'limit: syntax_dictionary'],
    ['a 14 MB literal string', hugeStringPdf, 'limit: syntax_string'],
    ['an array of 3,000,000 items', hugeArrayPdf, 'limit: syntax_array'],
    ['the 1,000,000-key dictionary inside a compressed object stream', compressedHugeDictionaryPdf, 'limit: syntax_dictionary'],
    ['an object stream that inflates to 64 MiB', objectStreamBombPdf, 'limit: decoded_bytes'],
  ])('refuses %s as unreadable, with the limit it passed', async (_name, build, detail) => {
    expect(await pool.inspect(await build(), { maxBytes: PDF_LIMIT_BYTES })).toEqual({ ok: false, reason: 'unreadable', detail });
  });

  it('a file still being inspected at the deadline is refused and its thread replaced', async () => {
    const hasty = new PdfInspectionPool({ deadlineMs: 1 });
    try {
      expect(await hasty.inspect(await largePdf(), { maxBytes: PDF_LIMIT_BYTES })).toEqual({ ok: false, reason: 'unreadable', detail: 'limit: deadline' });
    } finally {
      await hasty.close();
    }
  });

  it('says busy when more files wait than the queue holds, without deciding anything about them', async () => {
    const small = new PdfInspectionPool({ maxQueue: 1 });
    try {
      const bytes = await largePdf();
      const first = small.inspect(bytes, { maxBytes: PDF_LIMIT_BYTES });
      const second = small.inspect(bytes, { maxBytes: PDF_LIMIT_BYTES });
      const third = small.inspect(bytes, { maxBytes: PDF_LIMIT_BYTES });
      expect(await third).toEqual({ ok: false, reason: 'busy' });
      expect(await first).toEqual({ ok: true, pages: 2 });
      expect(await second).toEqual({ ok: true, pages: 2 });
    } finally {
      await small.close();
    }
  });
});
