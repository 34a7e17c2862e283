// The full text of a legal document (data policy, charter of rights and duties) as a plain HTML page: the
// chat shows a summary and links here. Every text is escaped; the only style carries the response's nonce.
import type { LegalDocument } from '../../domain/consentTexts';
import { LEGAL_DOCUMENTS } from '../../domain/consentTexts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The chat's *bold* marks become <strong> after escaping (nothing else is interpreted). */
function inline(text: string): string {
  return escapeHtml(text).replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>');
}

function dateLabel(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function renderLegalPage(document: LegalDocument, nonce: string): string {
  const sections = document.sections
    .map((s) => `<section><h2>${inline(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${inline(p)}</p>`).join('')}</section>`)
    .join('\n');
  const others = LEGAL_DOCUMENTS.filter((d) => d.path !== document.path)
    .map((d) => `<a href="${escapeHtml(d.path)}">${escapeHtml(d.title)}</a>`)
    .join(' · ');
  return `<!doctype html>
<html lang="es-CO"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)}</title>
<style nonce="${escapeHtml(nonce)}">body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1{color:#0b5394;font-size:1.6rem}h2{font-size:1.15rem;margin-top:1.6rem}.meta{color:#555}footer{margin-top:2rem;border-top:1px solid #ddd;padding-top:1rem}</style></head>
<body><main><h1>${escapeHtml(document.title)}</h1>
<p class="meta">Versión ${escapeHtml(document.version)} · vigente desde el ${dateLabel(document.effectiveDate)}</p>
${sections}
</main><footer><p>${others}</p></footer></body></html>`;
}
