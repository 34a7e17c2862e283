// Delivers webhook messages of the outbox: POST of the stored JSON to the stored URL, signed at send time
// (the timestamp is the attempt's). Any answer but 2xx, a timeout or a network error is retried by the
// outbox with back-off, for up to WEBHOOK_MAX_AGE_MS; receivers deduplicate by event id (at least once).
import type { Clock } from '../domain/clock';
import type { OutboxMessage } from '../domain/model';
import { DeliveryError, type MessageDriver } from '../services/ports/notifications';
import { signWebhook } from './webhookSignature';

/** A dead endpoint keeps being retried (at most hourly) for three days; then the row stays 'failed'. */
export const WEBHOOK_MAX_AGE_MS = 3 * 24 * 60 * 60_000;
const TIMEOUT_MS = 10_000;

export class WebhookDriver implements MessageDriver {
  readonly kind = 'webhook' as const;
  readonly giveUpAfterMs = WEBHOOK_MAX_AGE_MS;

  constructor(private readonly options: { secret: string; clock: Clock; timeoutMs?: number }) {}

  async send(message: OutboxMessage): Promise<void> {
    const timestamp = Math.floor(this.options.clock.now().getTime() / 1000);
    const eventId = (JSON.parse(message.body) as { id?: string }).id ?? message.id;
    let response: Response;
    try {
      response = await fetch(message.recipient, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'oficina-virtual-webhooks',
          'X-Oficina-Event-Id': eventId,
          'X-Oficina-Event-Type': message.subject ?? '',
          'X-Oficina-Timestamp': String(timestamp),
          'X-Oficina-Signature': signWebhook(this.options.secret, timestamp, message.body),
        },
        body: message.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? TIMEOUT_MS),
      });
    } catch {
      throw new DeliveryError('network_error', true);
    }
    // The answer's body is not needed; drain it so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new DeliveryError(`http_${response.status}`, true);
  }
}
