// Events out (WEBHOOK_URLS, WEBHOOK_SECRET): a periodic scan turns new requests, supports, PQRDS and
// handoffs into outbox messages, and the outbox worker delivers them signed, with retries.
import { WebhookDriver } from '../integrations/webhookDriver';
import { PeriodicTask } from '../services/periodicTask';
import { WebhookEventScanner } from '../services/webhooks/webhookEventScanner';
import { KnexWebhookEventSource } from '../storage/repositories/knexWebhookEventSource';
import type { AppContext } from './context';

const SCAN_INTERVAL_MS = 5_000;

export function wireWebhooks(ctx: AppContext): WebhookEventScanner | undefined {
  const { config, clock, knex } = ctx;
  if (!config.webhooks) return undefined;
  const scanner = new WebhookEventScanner({ source: new KnexWebhookEventSource(knex), outbox: ctx.repositories.outbox, clock, urls: config.webhooks.urls });
  ctx.outboxDrivers.push(new WebhookDriver({ secret: config.webhooks.secret, clock }));
  ctx.tasks.push(new PeriodicTask('webhook-event-scan', SCAN_INTERVAL_MS, () => scanner.runOnce(), ctx.logger.child({ area: 'webhooks' })));
  return scanner;
}
