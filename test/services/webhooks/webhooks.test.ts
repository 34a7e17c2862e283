// Events out, on the app npm start builds with WEBHOOK_URLS set: a request filed, supports added later, a
// PQRDS filed and an agent requested from the web chat each reach a receiver (nock) that fails three times
// and then accepts — each event exactly once, with a valid signature — while history from before is not
// replayed. A dead endpoint keeps its messages pending for days, then marks them failed without deleting them.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../../src/integrations/webhookSignature';
import { WEBHOOK_MAX_AGE_MS } from '../../../src/integrations/webhookDriver';
import type { OutboxWorker } from '../../../src/services/notifications/outboxWorker';
import type { PeriodicTask } from '../../../src/services/periodicTask';
import { DEMO_ATTACHMENTS, DEMO_PQRDS, DEMO_REQUESTS } from '../../../src/storage/seeds/demoSet';
import { attachmentToRow, authorizationRequestToRow } from '../../../src/storage/repositories/knexAuthorizationRequestRepository';
import { pqrdsToRow } from '../../../src/storage/repositories/knexPqrdsRepository';
import { loadConfig } from '../../../src/config';
import { startTestApp, TestApp, WebChatUser } from '../../helpers/testApp';
import { testEngines } from '../../helpers/testDb';

const RECEIVER = 'https://eps.example.test';
const SECRET = 'secreto-de-webhooks-de-prueba-2026';

interface Delivery {
  eventId: string;
  type: string;
  body: { id: string; type: string; data: Record<string, unknown> };
  signed: boolean;
}

for (const { engine, skipReason } of testEngines()) {
describe.skipIf(skipReason !== undefined)(`webhooks [${engine}]${skipReason ? ` — ${skipReason}` : ''}`, () => {
  let t: TestApp;
  let scan: PeriodicTask;
  let outbox: OutboxWorker;

  // A fresh app per test: the scan's starting point, the outbox and the clock are the test's own.
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
    t = await startTestApp({ engine, env: { WEBHOOK_URLS: `${RECEIVER}/hooks`, WEBHOOK_SECRET: SECRET } });
    // Driven by hand on the fixed clock instead of by their timers.
    for (const task of t.app.tasks) await task.stop();
    scan = t.app.tasks.find((task) => task.name === 'webhook-event-scan') as PeriodicTask;
    outbox = t.app.tasks.find((task) => task.name === 'outbox') as OutboxWorker;
  });

  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await t?.close();
  });

  async function webhookRows() {
    return (await t.app.repositories.outbox.list({ kind: 'webhook' })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  describe('deliveries', () => {
    it('delivers each event once, signed, through three failures, and does not replay older history', async () => {
      await scan.runOnce(); // first scan: starts from now
      const now = t.clock.now();
      const request = { ...DEMO_REQUESTS[0]!, id: 'req-webhook-1', filingNumber: 'AUT-2026-900001', idempotencyKey: undefined, createdAt: now, updatedAt: now };
      await t.db.knex('authorization_requests').insert(authorizationRequestToRow(request));
      await t.db.knex('request_attachments').insert(attachmentToRow({ ...DEMO_ATTACHMENTS[0]!, id: 'att-webhook-1', requestId: request.id, createdAt: now }, 0));
      const later = new Date(now.getTime() + 60_000);
      await t.db.knex('request_attachments').insert(attachmentToRow({ ...DEMO_ATTACHMENTS[0]!, id: 'att-webhook-2', requestId: request.id, createdAt: later }, 1));
      await t.db.knex('pqrds').insert(pqrdsToRow({ ...DEMO_PQRDS[0]!, id: 'pqr-webhook-1', code: 'PQR-2026-900001', createdAt: now }));
      const { user } = await WebChatUser.open(t.baseUrl);
      await user.say('asesor');

      t.clock.advance(120_000);
      await scan.runOnce();
      await scan.runOnce(); // a second scan finds nothing new
      const rows = await webhookRows();
      expect(rows.map((r) => r.subject).sort()).toEqual(['authorization_request.filed', 'authorization_request.supports_added', 'handoff.requested', 'pqrds.filed']);

      const received: Delivery[] = [];
      let failures = 0;
      nock(RECEIVER)
        .post('/hooks')
        .times(3)
        .reply(() => {
          failures += 1;
          return [503, 'down'];
        });
      nock(RECEIVER)
        .persist()
        .post('/hooks')
        .reply(function (_uri, body) {
          const raw = typeof body === 'string' ? body : JSON.stringify(body);
          const header = (name: string) => String(this.req.headers[name] ?? '');
          received.push({
            eventId: header('x-oficina-event-id'),
            type: header('x-oficina-event-type'),
            body: JSON.parse(raw) as Delivery['body'],
            signed: verifyWebhook(SECRET, header('x-oficina-timestamp'), header('x-oficina-signature'), raw, Math.floor(t.clock.now().getTime() / 1000)),
          });
          return [204, ''];
        });

      expect(await outbox.runOnce()).toEqual({ sent: 1, retrying: 3, failed: 0 });
      expect(failures).toBe(3);
      // Nothing is due again before the back-off.
      expect(await outbox.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });
      t.clock.advance(31_000);
      expect(await outbox.runOnce()).toEqual({ sent: 3, retrying: 0, failed: 0 });
      t.clock.advance(24 * 60 * 60_000);
      expect(await outbox.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });

      expect(received).toHaveLength(4);
      expect(new Set(received.map((d) => d.eventId)).size).toBe(4);
      expect(received.every((d) => d.signed && d.eventId === d.body.id && d.type === d.body.type)).toBe(true);
      const byType = Object.fromEntries(received.map((d) => [d.type, d.body.data]));
      expect(byType['authorization_request.filed']).toMatchObject({ filingNumber: 'AUT-2026-900001', supports: 1 });
      expect(byType['authorization_request.supports_added']).toMatchObject({ filingNumber: 'AUT-2026-900001', supports: [{ id: 'att-webhook-2' }] });
      expect(byType['pqrds.filed']).toMatchObject({ code: 'PQR-2026-900001' });
      expect(byType['handoff.requested']).toMatchObject({ channel: 'webchat', reason: 'user_request' });
      expect((await webhookRows()).every((r) => r.status === 'sent')).toBe(true);
    });

    it('keeps retrying a dead endpoint for days, then marks the event failed and keeps it', async () => {
      await scan.runOnce(); // first scan: starts from now
      const start = t.clock.now();
      await t.db.knex('pqrds').insert(pqrdsToRow({ ...DEMO_PQRDS[0]!, id: 'pqr-webhook-2', code: 'PQR-2026-900002', createdAt: start }));
      t.clock.advance(10_000);
      await scan.runOnce();
      const [row] = (await webhookRows()).filter((r) => r.status === 'pending');
      expect(row?.subject).toBe('pqrds.filed');

      nock(RECEIVER).persist().post('/hooks').reply(500);
      let attempts = 0;
      while (t.clock.now().getTime() - row!.createdAt.getTime() < WEBHOOK_MAX_AGE_MS && attempts < 500) {
        const round = await outbox.runOnce();
        attempts += round.retrying;
        expect(round.failed).toBe(0);
        t.clock.advance(60 * 60_000);
      }
      // Hourly at most after the first back-offs: dozens of tries over three days, none given up.
      expect(attempts).toBeGreaterThan(60);
      expect(await outbox.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
      const kept = await t.app.repositories.outbox.findById(row!.id);
      expect(kept).toMatchObject({ status: 'failed', lastError: 'http_500' });
    });
  });
});
}

describe('webhook configuration', () => {
  it('refuses URLs without a secret, and plain http in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', WEBHOOK_URLS: 'https://a.example/h' })).toThrow(/WEBHOOK_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'test', WEBHOOK_URLS: 'ftp://a.example/h', WEBHOOK_SECRET: SECRET })).toThrow(/WEBHOOK_URLS/);
    expect(loadConfig({ NODE_ENV: 'test', WEBHOOK_URLS: 'https://a.example/h, https://b.example/h', WEBHOOK_SECRET: SECRET }).webhooks).toEqual({
      urls: ['https://a.example/h', 'https://b.example/h'],
      secret: SECRET,
    });
    expect(loadConfig({ NODE_ENV: 'test' }).webhooks).toBeUndefined();
  });
});
