// The HTTP SMS gateway (SMS_GATEWAY_URL, docs/configuration.md): `POST {to, message}` JSON with
// `Authorization: Bearer <token>`. Every request carries the outbox message id as `Idempotency-Key`, so a
// retry after a timeout (the gateway may have accepted the first try) does not send the SMS twice. Errors
// become stable codes: the gateway's own text is never kept, it may echo the number or the message.
import type { OutboxMessage } from '../domain/model';
import { normalizeMobile, toE164 } from '../domain/phone';
import { DeliveryError, type MessageDriver } from '../services/ports/notifications';

export interface SmsGatewayOptions {
  url: string;
  token: string;
  /** Abort a request that takes longer (the worker retries it later with the same idempotency key). */
  timeoutMs?: number;
}

export const SMS_GATEWAY_TIMEOUT_MS = 10_000;

/** Statuses worth retrying: the gateway is busy, down, or rejecting our credentials (fixable by config). */
function isRetryableStatus(status: number): boolean {
  return status === 401 || status === 403 || status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

export class SmsGatewayDriver implements MessageDriver {
  readonly kind = 'sms' as const;
  private readonly timeoutMs: number;

  constructor(private readonly options: SmsGatewayOptions) {
    this.timeoutMs = options.timeoutMs ?? SMS_GATEWAY_TIMEOUT_MS;
  }

  async send(message: OutboxMessage): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: `Bearer ${this.options.token}`,
          'Idempotency-Key': message.id,
        },
        body: JSON.stringify({ to: toRecipient(message.recipient), message: message.body }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      throw new DeliveryError(name === 'TimeoutError' || name === 'AbortError' ? 'sms_timeout' : 'sms_network', true);
    }
    // Drain the body so the connection is released; its content is not needed (and may hold personal data).
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    throw new DeliveryError(`sms_http_${response.status}`, isRetryableStatus(response.status));
  }
}

/** Mobiles are kept as 10 national digits ('3001112233'); gateways want the international form. */
function toRecipient(mobile: string): string {
  const national = normalizeMobile(mobile);
  return national ? toE164(national) : mobile;
}
