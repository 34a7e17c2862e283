// GET /webhooks/whatsapp: Meta's verification handshake. POST /webhooks/whatsapp: signed notifications.
// The raw bytes are read here (no global body parser) with a size limit, compressed bodies refused, and
// X-Hub-Signature-256 checked in constant time before anything is parsed. Messages are written to the
// inbox (duplicates ignored) and statuses recorded BEFORE the 200; the bot runs afterwards, from the inbox.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { Clock } from '../../domain/clock';
import { readWebhook } from '../../integrations/whatsappCloud/webhookPayload';
import { Logger } from '../../observability/logger';
import { HttpError, jsonRoute } from '../../server/httpErrors';
import { readRawBody } from '../../server/jsonBody';
import { CloudInboxEntry, WhatsAppCloudStore } from './cloudStore';

export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';
/** Meta documents webhook payloads of up to 3 MB. */
export const WEBHOOK_MAX_BYTES = 3 * 1024 * 1024;

export interface WhatsAppCloudRoutesDeps {
  verifyToken: string;
  appSecret: string;
  phoneNumberId: string;
  store: WhatsAppCloudStore;
  /** Called after the 200 is sent (CloudInboxWorker.kick). */
  onStored(): void;
  clock: Clock;
  logger: Logger;
  maxBodyBytes?: number;
}

export function registerWhatsAppCloudRoutes(server: Server, deps: WhatsAppCloudRoutesDeps): void {
  const logger = deps.logger.child({ channel: 'whatsapp' });
  server.get(WHATSAPP_WEBHOOK_PATH, jsonRoute(logger, 'whatsapp.verify', async (req, res) => verify(req, res, deps)));
  server.post(
    WHATSAPP_WEBHOOK_PATH,
    jsonRoute(logger, 'whatsapp.webhook', async (req, res) => receive(req, res, { ...deps, logger })),
  );
}

async function verify(req: Request, res: Response, deps: WhatsAppCloudRoutesDeps): Promise<void> {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const token = query.get('hub.verify_token') ?? '';
  const challenge = query.get('hub.challenge') ?? '';
  if (query.get('hub.mode') !== 'subscribe' || !sameSecret(token, deps.verifyToken)) {
    throw new HttpError(403, 'verification_failed', 'El token de verificación no coincide.');
  }
  // Meta sends a number; anything else is not echoed (this response must not reflect arbitrary text).
  if (!/^[A-Za-z0-9_.-]{1,256}$/.test(challenge)) throw new HttpError(400, 'invalid_challenge', 'hub.challenge inválido.');
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(challenge);
}

async function receive(req: Request, res: Response, deps: WhatsAppCloudRoutesDeps): Promise<void> {
  const raw = await readRawBody(req, deps.maxBodyBytes ?? WEBHOOK_MAX_BYTES);
  const signature = req.headers['x-hub-signature-256'];
  if (typeof signature !== 'string' || signature === '') {
    throw new HttpError(401, 'signature_missing', 'Falta la firma X-Hub-Signature-256.');
  }
  if (!validSignature(raw, signature, deps.appSecret)) {
    deps.logger.warn('whatsapp_webhook_bad_signature', { bytes: raw.length });
    throw new HttpError(403, 'signature_invalid', 'La firma no corresponde al cuerpo.');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed_json', 'El cuerpo no es JSON válido.');
  }
  const contents = readWebhook(body, deps.phoneNumberId);
  if (!contents) throw new HttpError(400, 'not_a_whatsapp_webhook', 'No es una notificación de WhatsApp Business.');

  const now = deps.clock.now();
  const entries: CloudInboxEntry[] = contents.messages.map((m) => ({
    messageId: m.id,
    waId: m.from,
    sentAt: new Date(Number(m.timestamp) * 1000),
    payload: m,
  }));
  // Durable first: if either write fails, Meta gets a 500 and delivers again later.
  const fresh = await deps.store.enqueue(entries, now);
  await deps.store.recordStatuses(
    contents.statuses.map((s) => ({
      messageId: s.id,
      status: s.status,
      occurredAt: new Date(Number(s.timestamp) * 1000),
      errorCode: s.errors?.[0]?.code,
    })),
    now,
  );
  deps.logger.info('whatsapp_webhook_received', {
    messages: entries.length,
    duplicates: entries.length - fresh.length,
    statuses: contents.statuses.length,
    skipped: contents.skipped,
  });
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end('EVENT_RECEIVED');
  if (fresh.length > 0) deps.onStored();
}

/** `sha256=<hex>` over the raw bytes, compared in constant time. */
export function validSignature(raw: Buffer, header: string, appSecret: string): boolean {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

export function signatureFor(raw: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/** Compares secrets without revealing, through timing, how much of a guess was right. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'verify-token').update(given).digest();
  const b = createHmac('sha256', 'verify-token').update(expected).digest();
  return timingSafeEqual(a, b);
}
