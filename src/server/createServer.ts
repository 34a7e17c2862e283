// Builds the restify app without listening, so tests run it on an ephemeral port. No global bodyParser:
// each route reads its own body (the WhatsApp webhook needs the raw bytes for its signature). Other
// modules (agent console, WhatsApp webhook, certificate verification) add their routes through `routes`.
import path from 'node:path';
import restify, { Request, Response, Server } from 'restify';
import { PROJECT_ROOT } from '../config';
import { Logger } from '../observability/logger';
import { DirectLineChannel } from '../channels/directline/directLineChannel';
import { directLineRoutes } from '../channels/directline/directLineRoutes';
import { DirectLineStreams, attachDirectLineStreams } from '../channels/directline/directLineStreams';
import { ConnectionLimits, applyConnectionLimits } from './connectionLimits';
import { errorBody, jsonRoute, sendError } from './httpErrors';
import { setBaseSecurityHeaders, webSocketOrigin } from './securityHeaders';
import { runShutdownHooks } from './shutdown';
import { webChatPageRoutes } from './webChatPage';

export interface ServerDeps {
  logger: Logger;
  /** True when the database answers; drives GET /ready. */
  ready: () => Promise<boolean>;
  /** The web chat channel; its routes, stream and page are served when given. */
  directLine?: DirectLineChannel;
  /** Handles POST /api/messages (see channels/botframework). */
  botFramework?: (req: Request, res: Response) => Promise<void>;
  /** More routes, registered in order after the built-in ones. */
  routes?: Array<(server: Server) => void>;
  /** Where index.html, webchat-app.js and vendor/ live; defaults to <project>/src/web. */
  webRoot?: string;
  /** PUBLIC_URL (or a getter): allowed WebSocket origin and CSP connect source. */
  publicUrl: string | (() => string);
  /** How long close() lets requests in flight finish before cutting every connection (default 5 s). */
  shutdownDeadlineMs?: number;
  /** Timeouts and connection caps; defaults fit 15 MB uploads from slow phones. */
  connectionLimits?: ConnectionLimits;
}

export interface AppServer extends Server {
  /** Set when a Direct Line channel was given. */
  directLineStreams?: DirectLineStreams;
}

const RESTIFY_CODES: Record<string, [string, string]> = {
  ResourceNotFound: ['not_found', 'No existe ese recurso.'],
  MethodNotAllowed: ['method_not_allowed', 'Método no permitido para este recurso.'],
  UnsupportedMediaType: ['unsupported_media_type', 'Tipo de contenido no admitido.'],
  PayloadTooLarge: ['body_too_large', 'El cuerpo es demasiado grande.'],
};

export function createServer(deps: ServerDeps): AppServer {
  const server = restify.createServer({ name: 'oficina-virtual', handleUncaughtExceptions: false }) as AppServer;
  applyConnectionLimits(server.server, deps.connectionLimits);
  const publicUrl = typeof deps.publicUrl === 'function' ? deps.publicUrl : () => deps.publicUrl as string;

  server.pre((req, res, next) => {
    setBaseSecurityHeaders(res);
    return next();
  });

  // Router-level failures (404, 405…) and anything a route let escape get the same
  // `{error: {code, message}}` shape as ours; an unexpected error's own message never reaches the client.
  server.on('restifyError', (_req: Request, res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    if (typeof err.statusCode !== 'number') {
      deps.logger.error('http.unexpected_error', { error: err });
      sendError(res, 500, 'internal_error', 'Ocurrió un error inesperado. Intenta de nuevo en un momento.');
      return callback();
    }
    const [code, message] = RESTIFY_CODES[err.name.replace(/Error$/, '')] ?? ['internal_error', 'Ocurrió un error inesperado.'];
    if (err.statusCode >= 500) deps.logger.error('http.restify_error', { error: err });
    (err as { toJSON?: () => unknown }).toJSON = () => errorBody(code, message);
    return callback();
  });

  server.get('/health', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get(
    '/ready',
    jsonRoute(deps.logger, 'ready', async (_req, res) => {
      const ok = await deps.ready().catch((error: unknown) => {
        deps.logger.warn('http.ready_check_failed', { error: error as Error });
        return false;
      });
      res.setHeader('Cache-Control', 'no-store');
      if (ok) res.send(200, { status: 'ready' });
      else res.send(503, { status: 'unavailable', error: { code: 'database_unavailable', message: 'La base de datos no responde.' } });
    }),
  );

  if (deps.botFramework) {
    const handler = deps.botFramework;
    server.post('/api/messages', jsonRoute(deps.logger, 'botframework.messages', handler));
  }

  if (deps.directLine) {
    directLineRoutes(deps.directLine, deps.logger)(server);
    server.directLineStreams = attachDirectLineStreams(server.server, deps.directLine, {
      logger: deps.logger,
      allowedOrigins: () => [new URL(publicUrl()).origin],
    });
  }

  webChatPageRoutes({
    webRoot: deps.webRoot ?? path.join(PROJECT_ROOT, 'src', 'web'),
    connectOrigins: () => [webSocketOrigin(publicUrl())],
    publicOrigin: () => new URL(publicUrl()).origin,
    logger: deps.logger,
  })(server);

  for (const register of deps.routes ?? []) register(server);

  // Open WebSocket streams and event streams would keep close() waiting forever: end them first, let
  // idle keep-alive sockets go, and cut whatever is still open when the deadline passes.
  const close = server.close.bind(server);
  server.close = ((callback?: () => void) => {
    server.directLineStreams?.close();
    runShutdownHooks(server);
    const result = close(callback);
    server.server.closeIdleConnections();
    const deadline = setTimeout(() => server.server.closeAllConnections(), deps.shutdownDeadlineMs ?? 5_000);
    deadline.unref();
    server.server.once('close', () => clearTimeout(deadline));
    return result;
  }) as typeof server.close;
  return server;
}
