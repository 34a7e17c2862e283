// The one set of rules for file names that arrive from users and agents: never a path (only the last
// segment is kept), no control characters or quotes (they break headers and logs), a bounded length,
// and a fallback when nothing is left. Names are only ever shown back or put in Content-Disposition;
// files are stored under generated names.

/** Drops C0 controls and DEL: they have no business in a file name or a header. */
export function withoutControlCharacters(text: string): string {
  return [...text].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
}

/** "../../etc/informe final.pdf" → "informe final.pdf"; `fallback` when nothing usable is left. */
export function cleanFileName(name: string | undefined, fallback: string, maxLength = 120): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = withoutControlCharacters(base).replace(/"/g, '').trim().slice(0, maxLength);
  return cleaned === '' ? fallback : cleaned;
}

/** The name of a file that is now a PDF: "IMG_2031.jpg" → "IMG_2031.pdf", "informe" → "informe.pdf". */
export function asPdfName(name: string): string {
  if (/\.pdf$/i.test(name)) return name;
  return `${name.replace(/\.(jpe?g|png|webp|heic|heif|gif|tiff?)$/i, '')}.pdf`;
}
