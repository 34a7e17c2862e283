// pdfkit is loaded with the first document the bot draws (a certificate, an authorization, photos made
// into a PDF), not at start: with its fonts it is ~13 MB of resident memory a server keeps whether or not
// anyone asks for a PDF (README, performance: RSS with 10,000 conversations).
type PdfKit = typeof import('pdfkit');

let loaded: Promise<PdfKit> | undefined;

export function loadPdfKit(): Promise<PdfKit> {
  loaded ??= import('pdfkit').then((module) => module.default);
  return loaded;
}
