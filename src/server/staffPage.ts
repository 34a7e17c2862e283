// The staff's single-page apps (the agent console at /agent, the back office at /backoffice): the page and
// its two assets from a fixed list, never a directory walk. The CSP allows only our own script, style and
// API: no inline code. Each page shows its sign-in form itself when there is no session.
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { Logger } from '../observability/logger';
import { HttpError, jsonRoute } from './httpErrors';
import { setBaseSecurityHeaders } from './securityHeaders';
import { sendStaticFile } from './staticFiles';

const STAFF_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface StaffPageOptions {
  /** '/agent' serves /agent, /agent/, /agent/app.js and /agent/app.css. */
  basePath: string;
  /** The folder holding index.html, app.js and app.css. */
  root: string;
  /** The route name in logs. */
  routeName: string;
  logger: Logger;
}

export function registerStaffPage(server: Server, options: StaffPageOptions): void {
  const { basePath } = options;
  const files: Record<string, string> = {
    [basePath]: 'index.html',
    [`${basePath}/`]: 'index.html',
    [`${basePath}/app.js`]: 'app.js',
    [`${basePath}/app.css`]: 'app.css',
  };
  for (const [urlPath, file] of Object.entries(files)) {
    server.get(
      urlPath,
      jsonRoute(options.logger, options.routeName, async (req: Request, res: Response) => {
        setBaseSecurityHeaders(res);
        res.setHeader('Content-Security-Policy', STAFF_PAGE_CSP);
        const sent = await sendStaticFile(req, res, path.join(options.root, file), { cacheControl: 'no-cache' });
        if (!sent) throw new HttpError(404, 'asset_missing', 'No existe ese archivo.');
      }),
    );
  }
}
