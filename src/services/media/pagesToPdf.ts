// Page images (JPEGs from photoPageMaker.ts) become a PDF with pdfkit, one page per image, each page A4 in
// the image's orientation with the image fitted inside. pdfkit embeds a JPEG as it is (DCTDecode: it
// reads the frame header, never the pixels), so this costs milliseconds of event loop per page; the
// benchmark measures it. The document info names this program only: nothing of the photo.
import { loadPdfKit } from '../../pdf/pdfKit';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 18;

export interface PageImage {
  jpeg: Buffer;
  width: number;
  height: number;
}

export async function pagesToPdf(pages: PageImage[], createdAt: Date): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      autoFirstPage: false,
      compress: true,
      info: { Producer: 'Oficina Virtual', Creator: 'Oficina Virtual', CreationDate: createdAt },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const page of pages) {
      const size: [number, number] = page.width > page.height ? [A4[1], A4[0]] : A4;
      doc.addPage({ size, margin: 0 });
      doc.image(page.jpeg, MARGIN, MARGIN, { fit: [size[0] - 2 * MARGIN, size[1] - 2 * MARGIN], align: 'center', valign: 'center' });
    }
    doc.end();
  });
}
