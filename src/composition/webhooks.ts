// Events out (WEBHOOK_URLS, WEBHOOK_SECRET): a periodic scan turns new requests, supports, PQRDS and
// handoffs into outbox messages, and the outbox worker delivers them signed, with retries.
import { WebhookDriver } from '../integrations/webhookDriver';
import { PeriodicTask } from '../services/periodicTask';
import type { MessageDriver } from '../services/ports/notifications';
import { WebhookEventScanner } from '../services/webhooks/webhookEventScanner';
import { type AppInfrastructure, type Wiring, wiring } from './context';

const SCAN_INTERVAL_MS = 5_000;

/** The scan task, and the driver the outbox worker needs (given to wireIdentity, which builds the worker). */
export function wireWebhooks(infra: AppInfrastructure): Wiring & { outboxDrivers: MessageDriver[] } {
  const { config, clock, repositories } = infra;
  if (!config.webhooks) return { ...wiring({}), outboxDrivers: [] };
  const scanner = new WebhookEventScanner({ source: repositories.webhookEvents, outbox: repositories.outbox, clock, urls: config.webhooks.urls });
  return {
    // One instance scans each round, so two instances never queue the same event twice.
    ...wiring({
      tasks: [
        new PeriodicTask('webhook-event-scan', SCAN_INTERVAL_MS, () => scanner.runOnce(), infra.logger.child({ area: 'webhooks' })).claimedThrough((key, job) =>
          infra.coordination.tryWithLock(key, job),
        ),
      ],
    }),
    outboxDrivers: [new WebhookDriver({ secret: config.webhooks.secret, clock })],
  };
}
