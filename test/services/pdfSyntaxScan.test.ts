import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS } from '../../src/services/pdfInspection';
import { scanPdfSyntax, type SyntaxLimits } from '../../src/services/pdfSyntaxScan';
import { handmadePdf, largePdf, pdfWithPages, rawPdf } from '../helpers/pdfCorpus';

const limits = DEFAULT_PARSE_LIMITS.syntax;
const scan = (bytes: Uint8Array, own: Partial<SyntaxLimits> = {}) => scanPdfSyntax(bytes, { ...limits, ...own }, { tokens: 0, objects: 0 });
const page = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];

describe('scanPdfSyntax', () => {
  it('lets ordinary PDFs through, the 14.9 MiB one included (its bulk is stream data, skipped)', async () => {
    expect(scan(handmadePdf())).toBeUndefined();
    expect(scan(await pdfWithPages(50))).toBeUndefined();
    expect(scan(await largePdf())).toBeUndefined();
  });

  it('counts a dictionary by its keys and "N G R" as one item', () => {
    const pdf = rawPdf([...page, '<< /A 1 0 R /B 2 0 R /C [1 0 R 2 0 R 3 0 R] >>']);
    expect(scan(pdf, { maxDictEntries: 3, maxArrayItems: 3 })).toBeUndefined();
    expect(scan(pdf, { maxDictEntries: 2 })).toBe('dictionary');
    expect(scan(pdf, { maxArrayItems: 2 })).toBe('array');
  });

  it('stops arrays nested deeper than the limit (pdf-lib parses them recursively)', () => {
    const deep = rawPdf([...page, `${'['.repeat(100)}${']'.repeat(100)}`]);
    expect(scan(deep)).toBe('nesting');
    expect(scan(deep, { maxDepth: 128 })).toBeUndefined();
  });

  it('measures literal strings with escaped and nested parentheses, and hex strings', () => {
    const literal = rawPdf([...page, '(a \\) b (c) d)']);
    expect(scan(literal, { maxStringBytes: 16 })).toBeUndefined();
    expect(scan(literal, { maxStringBytes: 8 })).toBe('string');
    expect(scan(rawPdf([...page, `<${'ab'.repeat(20)}>`]), { maxStringBytes: 16 })).toBe('string');
  });

  it('shares its counters across calls: the file and its object streams spend one budget', () => {
    const counters = { tokens: 0, objects: 0 };
    const pdf = handmadePdf();
    expect(scanPdfSyntax(pdf, { ...limits, maxObjects: 6 }, counters)).toBeUndefined();
    expect(scanPdfSyntax(pdf, { ...limits, maxObjects: 6 }, counters)).toBe('objects');
  });
});
