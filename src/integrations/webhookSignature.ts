// Webhook signatures: HMAC-SHA256 with WEBHOOK_SECRET over `<timestamp>.<raw body>`, sent as
// `X-Oficina-Signature: v1=<hex>` with `X-Oficina-Timestamp: <unix seconds>`. Receivers recompute it over
// the bytes they received and refuse old timestamps (README "Webhooks" shows how).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** What a receiver does; used by the tests to check what was sent. */
export function verifyWebhook(secret: string, timestampHeader: string, signatureHeader: string, rawBody: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(timestampHeader);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(signatureHeader);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
