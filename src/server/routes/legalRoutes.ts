// GET /legal/politica-de-datos and /legal/carta-de-derechos: the full texts the chat links to before asking
// for acceptance. Public, static content; the version shown is the one a consent record points to.
import type { Request, Response, Server } from 'restify';
import { LEGAL_DOCUMENTS, type LegalDocument } from '../../domain/consentTexts';
import { renderLegalPage } from '../../web/legal/legalPage';
import { newNonce, setPageSecurityHeaders } from '../securityHeaders';

function servePage(document: LegalDocument) {
  return async (_req: Request, res: Response): Promise<void> => {
    const nonce = newNonce();
    setPageSecurityHeaders(res, { nonce });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(renderLegalPage(document, nonce));
  };
}

export function registerLegalRoutes(server: Server): void {
  for (const document of LEGAL_DOCUMENTS) server.get(document.path, servePage(document));
}
