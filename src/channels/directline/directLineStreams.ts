// The Direct Line WebSocket stream: `streamUrl` points here with the token in the query (browsers cannot
// set headers on a WebSocket). Each frame is `{activities, watermark}`. The Origin must be our PUBLIC_URL
// (a page elsewhere must not read someone's chat); clients without an Origin (Node) pass.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { Logger, pseudonym } from '../../observability/logger';
import { clientAddress } from '../../server/clientAddress';
import { HttpError } from '../../server/httpErrors';
import { DirectLineChannel } from './directLineChannel';
import { ConcurrencySlots } from './directLineLimits';
import { DIRECT_LINE_PREFIX, checkToken, parseWatermark } from './directLineRoutes';

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PREFIX}/conversations/([^/?]+)/stream$`);
const HEARTBEAT_MS = 30_000;

export interface DirectLineStreams {
  /** Open sockets, for tests and graceful shutdown. */
  readonly clients: Set<WebSocket>;
  close(): void;
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' };

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

export function attachDirectLineStreams(
  httpServer: HttpServer,
  channel: DirectLineChannel,
  options: { logger: Logger; allowedOrigins: () => string[] },
): DirectLineStreams {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const clients = new Set<WebSocket>();
  const alive = new WeakMap<WebSocket, boolean>();
  // Each open stream holds a socket and a listener: a bounded number, in all and per conversation.
  const slots = new ConcurrencySlots(channel.limits.maxStreams, (key) =>
    key.startsWith('address:') ? channel.limits.maxStreamsPerAddress : channel.limits.maxStreamsPerConversation,
  );

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return; // another module's WebSocket, not ours
    socket.on('error', () => socket.destroy());
    void (async () => {
      const origin = req.headers.origin;
      if (origin !== undefined && !options.allowedOrigins().includes(origin)) {
        throw new HttpError(403, 'origin_not_allowed', 'Origen no permitido.');
      }
      const token = url.searchParams.get('t');
      if (!token) throw new HttpError(401, 'missing_token', 'Falta el token (parámetro t).');
      const { claims } = checkToken(channel, token, decodeURIComponent(match[1]!));
      const watermark = parseWatermark(url.searchParams.get('watermark') ?? undefined) ?? 0;
      await channel.requireConversation(claims);
      const release = slots.tryAcquire([`conversation:${claims.conv}`, `address:${clientAddress(req)}`]);
      if (!release) throw new HttpError(429, 'too_many_streams', 'Hay demasiadas conexiones abiertas para este chat. Cierra otras pestañas y recarga.');
      socket.once('close', release);
      wss.handleUpgrade(req, socket, head, (ws) => {
        clients.add(ws);
        alive.set(ws, true);
        ws.on('pong', () => alive.set(ws, true));
        // Clients send empty frames as heartbeats; nothing they send is needed.
        ws.on('message', () => undefined);
        ws.on('error', () => ws.terminate());
        const send = (activity: unknown, seq: number) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ activities: [activity], watermark: String(seq) }));
        };
        channel
          .follow(claims.conv, watermark, send)
          .then((unsubscribe) => {
            if (ws.readyState !== WebSocket.OPEN) unsubscribe();
            else ws.once('close', unsubscribe);
          })
          .catch((error: unknown) => {
            options.logger.error('directline.stream_failed', { error: error as Error, conversation: pseudonym(claims.conv) });
            ws.close(1011);
          });
        ws.once('close', () => clients.delete(ws));
      });
    })().catch((error: unknown) => {
      if (error instanceof HttpError) refuse(socket, error.status, error.code, error.message);
      else {
        options.logger.error('directline.upgrade_failed', { error: error as Error });
        refuse(socket, 400, 'upgrade_failed', 'No se pudo abrir la conexión.');
      }
    });
  };
  httpServer.on('upgrade', onUpgrade);

  // Pings keep proxies from closing idle streams and find the dead ones.
  const heartbeat = setInterval(() => {
    for (const ws of clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    clients,
    close: () => {
      clearInterval(heartbeat);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of clients) ws.terminate();
      wss.close();
    },
  };
}
