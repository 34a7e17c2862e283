// GET / — the web chat page — and its assets: our small script and style, and the official Web Chat
// bundle that `npm install` fetched into src/web/vendor/. The page carries a per-response CSP nonce that
// Web Chat puts on the style tags it creates.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { Logger } from '../observability/logger';
import { HttpError, jsonRoute } from './httpErrors';
import { newNonce, setPageSecurityHeaders } from './securityHeaders';
import { loadStaticFile, sendStaticFile } from './staticFiles';

export interface WebChatPageOptions {
  webRoot: string;
  connectOrigins: () => string[];
  /** PUBLIC_URL's origin: the page streams over WebSocket only when opened there (see webchat-app.js). */
  publicOrigin: () => string;
  logger: Logger;
}

const ASSETS: Record<string, string> = {
  '/webchat-app.js': 'webchat-app.js',
  '/webchat.css': 'webchat.css',
  '/vendor/webchat.js': 'vendor/webchat.js',
};

export function webChatPageRoutes(options: WebChatPageOptions): (server: Server) => void {
  const route = (name: string, handler: (req: Request, res: Response) => Promise<void>) => jsonRoute(options.logger, name, handler);
  let warnedMissingBundle = false;

  return (server) => {
    server.get(
      '/',
      route('webchat.page', async (_req, res) => {
        const template = await readFile(path.join(options.webRoot, 'index.html'), 'utf8');
        const nonce = newNonce();
        if (!warnedMissingBundle && !(await loadStaticFile(path.join(options.webRoot, 'vendor', 'webchat.js')))) {
          warnedMissingBundle = true;
          options.logger.warn('webchat.bundle_missing', { fix: 'node scripts/fetchWebchat.cjs' });
        }
        const html = template.replaceAll('{{NONCE}}', nonce).replaceAll('{{PUBLIC_ORIGIN}}', escapeAttribute(options.publicOrigin()));
        setPageSecurityHeaders(res, { nonce, connectOrigins: options.connectOrigins() });
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Content-Length', Buffer.byteLength(html));
        res.writeHead(200);
        res.end(html);
      }),
    );

    for (const [urlPath, file] of Object.entries(ASSETS)) {
      server.get(
        urlPath,
        route('webchat.asset', async (req, res) => {
          const sent = await sendStaticFile(req, res, path.join(options.webRoot, file), {
            // The vendored bundle changes only with its pinned version; revalidate everything else.
            cacheControl: file.startsWith('vendor/') ? 'public, max-age=86400' : 'no-cache',
          });
          if (!sent) {
            throw new HttpError(404, 'asset_missing', file.startsWith('vendor/')
              ? 'Falta el Web Chat: ejecuta node scripts/fetchWebchat.cjs'
              : 'No existe ese archivo.');
          }
        }),
      );
    }
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
