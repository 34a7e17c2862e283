import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsGatewayDriver } from '../../../src/integrations/smsGatewayDriver';
import { createMemoryLogger } from '../../../src/observability/logger';
import { DevSmsDriver } from '../../../src/services/notifications/devDrivers';
import { OutboxWorker } from '../../../src/services/notifications/outboxWorker';
import type { OutboxRepository } from '../../../src/services/ports/repositories';
import { createIdentityWorld, MARIA, type IdentityWorld } from '../identity/identityWorld';

const GATEWAY = 'https://sms-gateway.example.test';
const TOKEN = 'gateway-token-123';

let f: IdentityWorld;
beforeAll(() => {
  nock.disableNetConnect();
});
afterAll(() => {
  nock.enableNetConnect();
});
beforeEach(async () => {
  f = await createIdentityWorld();
  await f.registration.register({ ...MARIA, privacyPolicyVersion: '2026-01', channel: 'webchat' });
});
afterEach(async () => {
  nock.cleanAll();
  await f.close();
});

interface Delivery {
  idempotencyKey: string;
  to: string;
  message: string;
}

/** A gateway that answers each request with the next behaviour, and records the requests it accepted. */
function gateway(behaviours: Array<'down' | 'refused' | 'slow' | 'up'>) {
  const accepted: Delivery[] = [];
  const keys: string[] = [];
  const scope = nock(GATEWAY, { reqheaders: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
  for (const behaviour of behaviours) {
    const interceptor = scope.post('/v1/sms');
    if (behaviour === 'refused') {
      interceptor.replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
      continue;
    }
    if (behaviour === 'slow') interceptor.delay(2_000);
    interceptor.reply(function (_uri, body) {
      const key = String(this.req.headers['idempotency-key']);
      keys.push(key);
      if (behaviour === 'down') return [503, { error: 'unavailable' }];
      const b = body as { to: string; message: string };
      // The real gateway deduplicates by Idempotency-Key; count unique deliveries the same way.
      if (!accepted.some((d) => d.idempotencyKey === key)) accepted.push({ idempotencyKey: key, to: b.to, message: b.message });
      return [202, { status: 'queued' }];
    });
  }
  return { scope, accepted, keys };
}

function worker(outbox: OutboxRepository = f.repos.outbox) {
  return new OutboxWorker({
    outbox,
    drivers: [new SmsGatewayDriver({ url: `${GATEWAY}/v1/sms`, token: TOKEN, timeoutMs: 200 })],
    clock: f.clock,
    logger: f.logger,
  });
}

describe('outbox worker with the HTTP SMS gateway', () => {
  it('gateway down, then slow (timeout), then up: exactly one SMS delivered, nothing lost', async () => {
    const gw = gateway(['down', 'slow', 'up']);
    const w = worker();
    const [message] = await f.repos.outbox.list({ kind: 'sms' });

    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 }); // 503
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 }); // not due yet: back-off
    f.clock.advance(30_000);
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 1, failed: 0 }); // timeout after 200 ms
    expect((await f.repos.outbox.findById(message.id))?.lastError).toBe('sms_timeout');
    f.clock.advance(60_000);
    expect(await w.runOnce()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    f.clock.advance(60 * 60_000);
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    expect(gw.accepted).toHaveLength(1);
    expect(gw.accepted[0]).toMatchObject({ idempotencyKey: message.id, to: '+573001112233' });
    expect(gw.accepted[0].message).toContain(f.issuedPasswords.at(-1));
    // Every try carried the same idempotency key: a timed-out request the gateway did get is not sent twice.
    expect(new Set(gw.keys)).toEqual(new Set([message.id]));
    expect(await f.repos.outbox.findById(message.id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(gw.scope.isDone()).toBe(true);
  });

  it('a gateway down for 15 minutes loses nothing: the SMS goes out when it is back', async () => {
    const gw = gateway(['refused', 'refused', 'refused', 'refused', 'refused', 'down', 'up']);
    const w = worker();
    let elapsed = 0;
    let sent = 0;
    while (sent === 0 && elapsed < 60 * 60_000) {
      sent += (await w.runOnce()).sent;
      f.clock.advance(15_000);
      elapsed += 15_000;
    }
    expect(sent).toBe(1);
    expect(elapsed).toBeGreaterThan(15 * 60_000);
    expect(gw.accepted).toHaveLength(1);
  });

  it('once the gateway took the SMS, the outbox no longer holds the temporary password', async () => {
    gateway(['up']);
    const [message] = await f.repos.outbox.list({ kind: 'sms' });
    const temporary = f.issuedPasswords.at(-1)!;
    expect(message.body).toContain(temporary);
    expect(await worker().runOnce()).toMatchObject({ sent: 1 });
    const stored = await f.repos.outbox.findById(message.id);
    expect(stored?.status).toBe('sent');
    expect(stored?.body).not.toContain(temporary);
    expect(stored?.body).toContain('[oculto]');
  });

  it('two workers at once never send the same message', async () => {
    const gw = gateway(['up']);
    const results = await Promise.all([worker().runOnce(), worker().runOnce()]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(gw.accepted).toHaveLength(1);
  });

  it('a crash after the gateway accepted (before marking sent) resends with the same key: still one SMS', async () => {
    const gw = gateway(['up', 'up']);
    let crash = true;
    const flaky: OutboxRepository = Object.create(f.repos.outbox) as OutboxRepository;
    flaky.markSent = async (id, now, redactedBody) => {
      if (crash) {
        crash = false;
        throw new Error('process died');
      }
      return f.repos.outbox.markSent(id, now, redactedBody);
    };
    await expect(worker(flaky).runOnce()).rejects.toThrow('process died');
    f.clock.advance(61_000); // the claim's lease runs out
    expect(await worker().runOnce()).toMatchObject({ sent: 1 });
    expect(gw.keys).toHaveLength(2);
    expect(gw.accepted).toHaveLength(1);
  });

  it('a permanent refusal (400) is not retried and is logged with a code only', async () => {
    nock(GATEWAY).post('/v1/sms').reply(400, { error: 'invalid number 3001112233' });
    const w = worker();
    expect(await w.runOnce()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const [message] = await f.repos.outbox.list({ kind: 'sms' });
    expect(message).toMatchObject({ status: 'failed', lastError: 'sms_http_400' });
    const logs = f.logger.lines.join('\n');
    expect(logs).toContain('sms_http_400');
    expect(logs).not.toContain('3001112233');
  });

  it('start() delivers in the background and stop() waits for the round in progress', async () => {
    const gw = gateway(['up']);
    const w = new OutboxWorker({
      outbox: f.repos.outbox,
      drivers: [new SmsGatewayDriver({ url: `${GATEWAY}/v1/sms`, token: TOKEN, timeoutMs: 200 })],
      clock: f.clock,
      logger: f.logger,
      pollIntervalMs: 10,
    });
    const delivered = new Promise<void>((resolve) => gw.scope.once('replied', () => resolve()));
    w.start();
    await delivered;
    await w.stop();
    const [message] = await f.repos.outbox.list({ kind: 'sms' });
    expect(message.status).toBe('sent');
  });
});

describe('development SMS driver', () => {
  it('keeps the SMS in the outbox and logs it masked: no password, no full number', async () => {
    const logger = createMemoryLogger();
    const w = new OutboxWorker({ outbox: f.repos.outbox, drivers: [new DevSmsDriver(logger)], clock: f.clock, logger });
    expect(await w.runOnce()).toMatchObject({ sent: 1 });
    const [message] = await f.repos.outbox.list({ kind: 'sms' });
    expect(message.status).toBe('sent');
    expect(message.body).toContain(f.issuedPasswords.at(-1)); // developers read it in the table
    const line = logger.lines.find((l) => l.includes('sms.dev_outbox'))!;
    expect(JSON.parse(line)).toMatchObject({ recipientMasked: '300****233' });
    expect(line).toContain('[oculto]');
    expect(line).not.toContain(f.issuedPasswords.at(-1));
    expect(line).not.toContain('3001112233');
  });
});
