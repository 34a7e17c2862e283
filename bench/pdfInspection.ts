// Inspecting a support PDF: a scanned-size file against a small one.
import { PDFDocument } from 'pdf-lib';
import { inspectPdf } from '../src/services/pdfInspection';
import { BenchSection, measure, round } from './report';

async function bigPdf(targetBytes: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText('Soporte de prueba');
  // A big uncompressed stream makes the file as large as a scanned support, as the parser sees it.
  const raw = pdf.context.stream(Buffer.alloc(targetBytes - 2048, 0x20), {});
  pdf.context.register(raw);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

export const pdfInspection: BenchSection = {
  name: 'PDF inspection',
  async run(report) {
    const big = await bigPdf(Math.round(14.9 * 1024 * 1024));
    const small = await bigPdf(64 * 1024);
    const bigRow = await measure(report, `PDF inspection, ${(big.length / 1048576).toFixed(1)} MB`, 10, () => inspectPdf(big));
    const smallRow = await measure(report, 'PDF inspection, 64 KB', 100, () => inspectPdf(small));
    report.ratios.pdf_inspection_15mb_vs_64kb = round(bigRow.p50_ms / Math.max(smallRow.p50_ms, 0.001));
  },
};
