// HTTP face of our Direct Line 3.0 subset (the endpoints Web Chat and botframework-directlinejs call) and
// the web chat token endpoint. Errors follow the server's `{error: {code, message}}` shape; statuses follow
// what directlinejs expects: 403 for a bad or expired token (it then refreshes), 404 for a conversation
// that does not exist.
import type { Request, Response, Server } from 'restify';
import { Logger } from '../../observability/logger';
import { clientAddress } from '../../server/clientAddress';
import { readCookie } from '../../server/cookies';
import { attachmentDisposition } from '../../server/fileDownload';
import { HttpError, jsonRoute } from '../../server/httpErrors';
import { readJsonBody } from '../../server/jsonBody';
import { setBaseSecurityHeaders } from '../../server/securityHeaders';
import { DirectLineChannel } from './directLineChannel';
import { DirectLineClaims } from './directLineTokens';
import { discardBody } from '../../server/multipartForm';
import { receiveUpload, uploadRequestLimit } from './multipartUpload';
import { DOWNLOAD_PATH } from './webChatRendering';

export const DIRECT_LINE_PREFIX = '/v3/directline';
// Room for the longest text we take (20,000 characters, even all escaped as \uXXXX) and little more.
const ACTIVITY_BODY_LIMIT = 128 * 1024;
// A refused post's body up to this size is read and dropped: cheaper than the connection the client would
// open for its next post if this one were closed (see dropRefusedBody).
const REFUSED_BODY_DRAIN_LIMIT = 4 * ACTIVITY_BODY_LIMIT;
const MAX_FILES_PER_UPLOAD = 3;

export interface Authenticated {
  token: string;
  claims: DirectLineClaims;
  expiresIn: number;
}

/**
 * A post refused before its body was read. A body of bounded size is read and dropped so the connection
 * stays open for the client's next request: closing it makes a flooding client reconnect for every post,
 * and each connection leaves objects that only a full garbage collection frees, which V8 runs late with
 * the bot's heap (the process grew about 1.5 KB per refused post). A larger body, or one of unknown
 * length, is not read: the connection is closed after the answer.
 */
async function dropRefusedBody(req: Request, res: Response): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (Number.isSafeInteger(declared) && declared <= REFUSED_BODY_DRAIN_LIMIT) await discardBody(req, REFUSED_BODY_DRAIN_LIMIT);
  else res.setHeader('Connection', 'close');
}

/** Reads and checks the bearer token; when the path names a conversation, the token must be bound to it. */
export function authenticate(channel: DirectLineChannel, header: string | undefined, conversationId?: string): Authenticated {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw new HttpError(401, 'missing_token', 'Falta el token (Authorization: Bearer …).');
  return checkToken(channel, match[1]!, conversationId);
}

export function checkToken(channel: DirectLineChannel, token: string, conversationId?: string): Authenticated {
  const check = channel.tokens.verify(token);
  if (!check.ok) {
    throw check.reason === 'expired'
      ? new HttpError(403, 'token_expired', 'El token venció. Recarga la página para continuar.')
      : new HttpError(403, 'invalid_token', 'El token no es válido.');
  }
  if (conversationId !== undefined && conversationId !== check.claims.conv) {
    throw new HttpError(403, 'token_conversation_mismatch', 'El token no corresponde a esta conversación.');
  }
  return { token, claims: check.claims, expiresIn: check.expiresIn };
}

function queryParam(req: Request, name: string): string | undefined {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get(name) ?? undefined;
}

/** '' or absent → undefined; digits → number; anything else is refused. */
export function parseWatermark(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  throw new HttpError(400, 'invalid_watermark', 'La marca de agua (watermark) no es válida.');
}

function streamUrl(channel: DirectLineChannel, conversationId: string, token: string, watermark?: number): string {
  const base = channel.publicUrl.replace(/^http/, 'ws');
  const query = new URLSearchParams({ t: token });
  if (watermark !== undefined) query.set('watermark', String(watermark));
  return `${base}${DIRECT_LINE_PREFIX}/conversations/${encodeURIComponent(conversationId)}/stream?${query.toString()}`;
}

/** Scoped to the download path, so the proof travels with nothing else. */
function downloadCookieHeader(channel: DirectLineChannel, conversationId: string): string {
  const { name, value } = channel.tokens.downloadCookie(conversationId);
  const secure = channel.publicUrl.startsWith('https://') ? '; Secure' : '';
  return `${name}=${value}; Path=${DOWNLOAD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${24 * 3600}${secure}`;
}

function sendJson(res: Response, status: number, body: unknown): void {
  setBaseSecurityHeaders(res);
  res.setHeader('Cache-Control', 'no-store');
  res.send(status, body);
}

export function directLineRoutes(channel: DirectLineChannel, logger: Logger): (server: Server) => void {
  const route = (name: string, handler: (req: Request, res: Response) => Promise<void>) => jsonRoute(logger, name, handler);
  const conversationIdOf = (req: Request) => String(req.params.conversationId ?? '');

  return (server) => {
    server.post(
      '/api/webchat/token',
      route('webchat.token', async (req, res) => {
        const body = (await readJsonBody(req, { maxBytes: 8 * 1024 })) as { token?: unknown } | undefined;
        const previous = body && typeof body === 'object' && typeof body.token === 'string' ? body.token : undefined;
        const ticket = channel.issueToken(previous, clientAddress(req));
        res.setHeader('Set-Cookie', downloadCookieHeader(channel, ticket.conversationId));
        sendJson(res, 200, ticket);
      }),
    );

    server.post(
      `${DIRECT_LINE_PREFIX}/conversations`,
      route('directline.start', async (req, res) => {
        const { claims, token, expiresIn } = authenticate(channel, req.headers.authorization);
        await readJsonBody(req, { maxBytes: 8 * 1024 });
        const { created } = await channel.attach(claims, clientAddress(req));
        sendJson(res, created ? 201 : 200, {
          conversationId: claims.conv,
          token,
          expires_in: expiresIn,
          streamUrl: streamUrl(channel, claims.conv, token),
          referenceGrammarId: '',
        });
      }),
    );

    server.get(
      `${DIRECT_LINE_PREFIX}/conversations/:conversationId`,
      route('directline.reconnect', async (req, res) => {
        const { claims, token, expiresIn } = authenticate(channel, req.headers.authorization, conversationIdOf(req));
        const watermark = parseWatermark(queryParam(req, 'watermark'));
        await channel.attach(claims, clientAddress(req), watermark);
        sendJson(res, 200, {
          conversationId: claims.conv,
          token,
          expires_in: expiresIn,
          streamUrl: streamUrl(channel, claims.conv, token, watermark),
          referenceGrammarId: '',
        });
      }),
    );

    server.post(
      `${DIRECT_LINE_PREFIX}/conversations/:conversationId/activities`,
      route('directline.post_activity', async (req, res) => {
        const { claims } = authenticate(channel, req.headers.authorization, conversationIdOf(req));
        await channel.admitActivity(claims).catch(async (error: unknown) => {
          await dropRefusedBody(req, res);
          throw error;
        });
        const body = await readJsonBody(req, { maxBytes: ACTIVITY_BODY_LIMIT });
        sendJson(res, 200, await channel.postActivity(claims, body, Buffer.byteLength(JSON.stringify(body) ?? ''), clientAddress(req)));
      }),
    );

    server.get(
      `${DIRECT_LINE_PREFIX}/conversations/:conversationId/activities`,
      route('directline.get_activities', async (req, res) => {
        const { claims } = authenticate(channel, req.headers.authorization, conversationIdOf(req));
        const watermark = parseWatermark(queryParam(req, 'watermark')) ?? 0;
        await channel.requireConversation(claims);
        const page = await channel.activitiesAfter(claims.conv, watermark);
        sendJson(res, 200, { activities: page.entries.map((entry) => entry.activity), watermark: String(page.watermark) });
      }),
    );

    server.post(
      `${DIRECT_LINE_PREFIX}/conversations/:conversationId/upload`,
      route('directline.upload', async (req, res) => {
        const { claims } = authenticate(channel, req.headers.authorization, conversationIdOf(req));
        // Refused before a byte of the body is read: nothing reaches the disk unless a file is expected.
        const admitted = await channel.admitUpload(claims, clientAddress(req)).catch(async (error: unknown) => {
          // Read and dropped (bounded), so the client gets the reason instead of a reset connection.
          await discardBody(req, uploadRequestLimit(channel.maxUploadBytes, MAX_FILES_PER_UPLOAD));
          throw error;
        });
        try {
          const upload = await receiveUpload(req, channel.stagedFiles, {
            maxFileBytes: channel.maxUploadBytes,
            maxFiles: MAX_FILES_PER_UPLOAD,
            owners: admitted.owners,
          });
          if (upload.files.length === 0) throw new HttpError(400, 'no_files', 'La subida no trae ningún archivo (parte "file").');
          sendJson(res, 200, await channel.postUpload(claims, upload.template, upload.files));
        } finally {
          admitted.done();
        }
      }),
    );

    server.post(
      `${DIRECT_LINE_PREFIX}/tokens/refresh`,
      route('directline.refresh', async (req, res) => {
        const { claims } = authenticate(channel, req.headers.authorization);
        await readJsonBody(req, { maxBytes: 8 * 1024 });
        sendJson(res, 200, channel.refreshToken(claims));
      }),
    );

    server.get(
      `${DOWNLOAD_PATH}/:fileId`,
      route('directline.download', async (req, res) => {
        const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
        const file = await channel.download(String(req.params.fileId ?? ''), { bearer, cookie: (name) => readCookie(req, name) });
        if (!file) throw new HttpError(404, 'file_not_found', 'El archivo ya no está disponible. Pídelo de nuevo en el chat.');
        setBaseSecurityHeaders(res);
        res.setHeader('Content-Type', file.contentType);
        res.setHeader('Content-Length', file.bytes.length);
        res.setHeader('Content-Disposition', attachmentDisposition(file.name));
        res.setHeader('Cache-Control', 'private, no-store');
        res.writeHead(200);
        res.end(file.bytes);
      }),
    );
  };
}
