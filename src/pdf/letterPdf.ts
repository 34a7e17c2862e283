// The one way the bot's own documents (certificates, authorizations) become bytes: a Letter page in
// Spanish with our margins, metadata with fixed dates (so the bytes, and the SHA-256 recorded for a
// certificate, are reproducible), drawn by `draw` and collected into a Buffer.
import { loadPdfKit } from './pdfKit';

/** Letter size in points, and the margin every document of ours uses. */
export const PAGE = { width: 612, height: 792, margin: 56 };

export interface LetterPdfInfo {
  title: string;
  author: string;
  subject?: string;
  /** Written as both creation and modification date. */
  date: Date;
}

export async function renderLetterPdf(info: LetterPdfInfo, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margin: PAGE.margin,
      info: { Title: info.title, Author: info.author, ...(info.subject ? { Subject: info.subject } : {}), CreationDate: info.date, ModDate: info.date },
      lang: 'es-CO',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}
