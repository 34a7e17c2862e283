// What every upload path shares: the PDF inspection's worker pool and the photo converter, built once.
// The pool's threads end with the app (a background task whose stop closes it).
import type { PdfInspector } from '../services/authorizationRequests/supportCheck';
import { MAX_SUPPORT_BYTES, pdfVerdictOf } from '../services/authorizationRequests/supportCheck';
import { PhotoPageMaker } from '../services/media/photoPageMaker';
import { PdfInspectionPool } from '../services/pdfInspectionPool';
import { type Wiring, wiring } from './context';

export interface UploadServices {
  pdfInspection: PdfInspectionPool;
  /** The inspection with the supports' size limit, as the support checks use it. */
  inspectSupport: PdfInspector;
  photos: PhotoPageMaker;
}

export function wireUploadChecks(): { uploads: UploadServices; wiring: Wiring } {
  const pdfInspection = new PdfInspectionPool();
  return {
    uploads: {
      pdfInspection,
      inspectSupport: async (bytes) => pdfVerdictOf(await pdfInspection.inspect(bytes, { maxBytes: MAX_SUPPORT_BYTES })),
      photos: new PhotoPageMaker(),
    },
    wiring: wiring({ tasks: [{ name: 'pdf-inspection-pool', start: () => undefined, stop: () => pdfInspection.close() }] }),
  };
}
