// GET /agent — the console page (it shows the sign-in form itself when there is no session) — and its
// two assets, from a fixed list. The CSP allows only our own script, style and API: no inline code.
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { PROJECT_ROOT } from '../../config';
import { Logger } from '../../observability/logger';
import { HttpError, jsonRoute } from '../httpErrors';
import { setBaseSecurityHeaders } from '../securityHeaders';
import { sendStaticFile } from '../staticFiles';

const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const FILES: Record<string, string> = {
  '/agent': 'index.html',
  '/agent/': 'index.html',
  '/agent/app.js': 'app.js',
  '/agent/app.css': 'app.css',
};

export function registerAgentConsolePage(server: Server, options: { webRoot?: string; logger: Logger }): void {
  const root = options.webRoot ?? path.join(PROJECT_ROOT, 'src', 'web', 'agent');
  for (const [urlPath, file] of Object.entries(FILES)) {
    server.get(
      urlPath,
      jsonRoute(options.logger, 'agent.page', async (req: Request, res: Response) => {
        setBaseSecurityHeaders(res);
        res.setHeader('Content-Security-Policy', CONSOLE_CSP);
        const sent = await sendStaticFile(req, res, path.join(root, file), { cacheControl: 'no-cache' });
        if (!sent) throw new HttpError(404, 'asset_missing', 'No existe ese archivo.');
      }),
    );
  }
}
