// The text of a PDF as a reader would copy it, with pdf.js (pure JS: no poppler needed on the machine).
// pdfjs-dist is ESM-only, hence the dynamic import; the legacy build is the one that runs in Node.
import path from 'node:path';

export async function pdfText(bytes: Buffer | Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    // The 14 standard fonts' metrics, so pdf.js does not warn about Helvetica on every page.
    standardFontDataUrl: `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}${path.sep}`,
  }).promise;
  const lines: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    for (const item of content.items) {
      if ('str' in item) lines.push(item.hasEOL ? `${item.str}\n` : item.str);
    }
    lines.push('\n');
  }
  const pages = doc.numPages;
  await doc.destroy();
  // Collapse the run-together pieces into single-spaced lines, which is what assertions care about.
  const text = lines.join('').replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n');
  return { pages, text };
}
