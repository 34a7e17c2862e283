// GET /certificados/{code}: anyone holding a certificate (an employer, a school) checks it is genuine.
// The answer shows only what is printed next to the code anyway — kind, issue date, a masked name — and
// the SHA-256 of the issued PDF to compare with a copy. Unknown, mistyped and altered codes get one answer.
import type { Request, Response, Server } from 'restify';
import { formatNumericDate } from '../../domain/spanishDate';
import { Logger } from '../../observability/logger';
import type { CertificateKind } from '../../services/ports/selfService';
import type { CertificateService, CertificateVerification } from '../../services/selfService/certificateService';
import { bogotaTimeLabel } from '../../services/selfService/timeLabel';
import { jsonRoute } from '../httpErrors';
import { newNonce, setPageSecurityHeaders } from '../securityHeaders';

export interface CertificateRouteDeps {
  certificates: Pick<CertificateService, 'verify'>;
  logger: Logger;
  /** The EPS name shown on the page. */
  issuerName: string;
}

export const verificationTexts = {
  kinds: { affiliation: 'Certificado de afiliación', family_nucleus: 'Certificado de núcleo familiar' } as Record<CertificateKind, string>,
  genuineTitle: 'Certificado auténtico',
  genuineLead: (issuer: string) => `Este código corresponde a un certificado expedido por ${issuer}.`,
  unknownTitle: 'Código no encontrado',
  unknownLead:
    'No encontramos un certificado con ese código. Revisa que esté escrito tal como aparece en el documento (por ejemplo, CERT-7K3M-Q9XD-2HPA). Si está bien escrito, el documento no fue expedido por nosotros.',
  shaHint: 'Si tienes el archivo PDF, su huella SHA-256 debe ser exactamente esta:',
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "27/11/2026, 10:04 a. m." in Bogotá time. */
export function issuedLabel(at: Date): string {
  return `${formatNumericDate(at)}, ${bogotaTimeLabel(at)}`;
}

export function verificationPage(nonce: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="es-CO"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{color:#0b5394}dt{font-weight:600;margin-top:.6rem}dd{margin:0}code{word-break:break-all}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function genuineHtml(v: CertificateVerification, issuer: string): string {
  const t = verificationTexts;
  return `<p>${escapeHtml(t.genuineLead(issuer))}</p><dl>
<dt>Código</dt><dd>${escapeHtml(v.code)}</dd>
<dt>Tipo</dt><dd>${escapeHtml(t.kinds[v.kind])}</dd>
<dt>Fecha de expedición</dt><dd>${escapeHtml(issuedLabel(v.issuedAt))}</dd>
<dt>Titular</dt><dd>${escapeHtml(v.maskedName)}</dd>
</dl><p>${escapeHtml(t.shaHint)}<br><code>${escapeHtml(v.sha256)}</code></p>`;
}

export function wantsJson(req: Request): boolean {
  return /application\/json/i.test(req.header('accept') ?? '');
}

export function registerCertificateRoutes(server: Server, deps: CertificateRouteDeps): void {
  const handler = async (req: Request, res: Response): Promise<void> => {
    const code = String((req.params as { code?: string }).code ?? '').slice(0, 64);
    const found = await deps.certificates.verify(code);
    deps.logger.info('certificate.verified', { genuine: found !== undefined });
    if (wantsJson(req)) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (!found) return void res.send(404, { genuine: false });
      return void res.send(200, {
        genuine: true,
        code: found.code,
        kind: found.kind,
        kindLabel: verificationTexts.kinds[found.kind],
        issuedAt: found.issuedAt.toISOString(),
        holder: found.maskedName,
        sha256: found.sha256,
      });
    }
    const nonce = newNonce();
    setPageSecurityHeaders(res, { nonce });
    const html = found
      ? verificationPage(nonce, verificationTexts.genuineTitle, genuineHtml(found, deps.issuerName))
      : verificationPage(nonce, verificationTexts.unknownTitle, `<p>${escapeHtml(verificationTexts.unknownLead)}</p>`);
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  };
  server.get('/certificados/:code', jsonRoute(deps.logger, 'certificates.verify', handler));
}
