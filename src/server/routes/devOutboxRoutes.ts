// GET /dev/outbox, in development only: the SMS and e-mails the dev drivers kept instead of sending,
// so a person trying the demo can read the temporary password María Fernanda "receives" by SMS.
// Never registered in production or test (config.env decides in src/app.ts): it shows message bodies.
import type { Request, Response, Server } from 'restify';
import type { OutboxRepository } from '../../services/ports/repositories';
import { newNonce, setPageSecurityHeaders } from '../securityHeaders';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderOutboxPage(messages: { kind: string; recipient: string; body: string; status: string; createdAt: Date }[], nonce: string): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.createdAt.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.kind.toUpperCase())}</td>` +
        `<td>${escapeHtml(m.recipient)}</td><td>${escapeHtml(m.status)}</td><td><pre>${escapeHtml(m.body)}</pre></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="es-CO"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bandeja de salida (desarrollo)</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:1rem;color:#1f2933}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d9e2ec;padding:.4rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;margin:0;font:inherit}</style>
</head><body><h1>Bandeja de salida (solo desarrollo)</h1>
<p>Los SMS y correos que el driver de desarrollo guardó en lugar de enviarlos, del más reciente al más antiguo. Datos sintéticos.</p>
<table><thead><tr><th>Fecha (UTC)</th><th>Tipo</th><th>Para</th><th>Estado</th><th>Mensaje</th></tr></thead><tbody>
${rows || '<tr><td colspan="5">No hay mensajes todavía.</td></tr>'}
</tbody></table></body></html>`;
}

export function registerDevOutboxRoutes(server: Server, deps: { outbox: OutboxRepository }): void {
  server.get('/dev/outbox', async (_req: Request, res: Response) => {
    const messages = (await deps.outbox.list()).slice(0, 50);
    const nonce = newNonce();
    setPageSecurityHeaders(res, { nonce });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(renderOutboxPage(messages, nonce));
  });
}
