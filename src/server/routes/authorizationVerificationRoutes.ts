// GET /autorizaciones/{code}: an IPS (or anyone holding the document) checks an issued authorization is
// genuine and still valid. It shows what the IPS needs — number, service, validity, status, IPS and a
// masked name — and nothing else; unknown, mistyped and altered codes get one answer.
import type { Request, Response, Server } from 'restify';
import { formatNumericDate } from '../../domain/spanishDate';
import { Logger } from '../../observability/logger';
import type { AuthorizationVerification } from '../../services/backOffice/authorizationDocumentService';
import { jsonRoute } from '../httpErrors';
import { newNonce, setPageSecurityHeaders } from '../securityHeaders';
import { escapeHtml, verificationPage, wantsJson } from './certificateRoutes';

export const authorizationVerificationTexts = {
  genuineTitle: 'Autorización auténtica',
  genuineLead: (issuer: string) => `Este código corresponde a una autorización expedida por ${issuer}.`,
  unknownTitle: 'Código no encontrado',
  unknownLead:
    'No encontramos una autorización con ese código. Revisa que esté escrito tal como aparece en el documento (por ejemplo, AUTZ-7K3M-Q9XD-2HPA). Si está bien escrito, el documento no fue expedido por nosotros.',
} as const;

function genuineHtml(v: AuthorizationVerification, issuer: string): string {
  const t = authorizationVerificationTexts;
  const row = (label: string, value: string) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
  return `<p>${escapeHtml(t.genuineLead(issuer))}</p><dl>
${row('Código', v.code)}${row('Autorización N.º', v.number)}${row('Servicio', v.service)}${row('Estado', v.status)}
${row('Vigencia', `Del ${formatNumericDate(v.validFrom)} al ${formatNumericDate(v.validUntil)}`)}${row('IPS', v.ipsName)}${row('Titular', v.holder)}
</dl>`;
}

export function registerAuthorizationVerificationRoutes(
  server: Server,
  deps: { documents: { verify(code: string): Promise<AuthorizationVerification | undefined> }; logger: Logger; issuerName: string },
): void {
  const handler = async (req: Request, res: Response): Promise<void> => {
    const code = String((req.params as { code?: string }).code ?? '').slice(0, 64);
    const found = await deps.documents.verify(code);
    deps.logger.info('authorization.verified', { genuine: found !== undefined });
    if (wantsJson(req)) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      return void res.send(found ? 200 : 404, found ? { genuine: true, ...found } : { genuine: false });
    }
    const nonce = newNonce();
    setPageSecurityHeaders(res, { nonce });
    const t = authorizationVerificationTexts;
    const html = found
      ? verificationPage(nonce, t.genuineTitle, genuineHtml(found, deps.issuerName))
      : verificationPage(nonce, t.unknownTitle, `<p>${escapeHtml(t.unknownLead)}</p>`);
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  };
  server.get('/autorizaciones/:code', jsonRoute(deps.logger, 'authorizations.verify', handler));
}
