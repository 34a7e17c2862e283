// Worker thread entry of PdfInspectionPool: inspects the bytes it is sent with pdfInspection.ts.
import { inspectPdf, type InspectPdfOptions, type PdfInspection } from './pdfInspection';
import { serveTasks } from './offload/workerTask';

export interface PdfInspectionTask {
  bytes: Uint8Array;
  options: InspectPdfOptions;
}

serveTasks<PdfInspectionTask, PdfInspection>(async ({ bytes, options }) => {
  try {
    return await inspectPdf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
  } catch (error) {
    // Whatever pdf-lib throws that the inspection did not expect is still a file we cannot read.
    return { ok: false, reason: 'unreadable', detail: error instanceof Error ? error.name : 'parse error' };
  }
});
