import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../../src/domain/model';
import { SmsGatewayDriver } from '../../../src/integrations/smsGatewayDriver';
import { createMemoryLogger } from '../../../src/observability/logger';
import { DevEmailDriver } from '../../../src/services/notifications/devDrivers';
import { SmtpEmailDriver } from '../../../src/services/notifications/smtpEmailDriver';
import { DeliveryError } from '../../../src/services/ports/notifications';

const message = (kind: 'sms' | 'email', recipient: string): OutboxMessage => ({
  id: 'msg-1',
  kind,
  recipient,
  subject: kind === 'email' ? 'Tu solicitud AUT-2026-000123' : undefined,
  body: 'Hola, tu solicitud fue radicada.',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: new Date(0),
  createdAt: new Date(0),
});

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('HTTP SMS gateway driver', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it.each([
    [401, true],
    [429, true],
    [500, true],
    [400, false],
    [422, false],
  ])('HTTP %i → retryable %s, with a stable code', async (status, retryable) => {
    nock('https://gw.test').post('/sms').reply(status, { error: 'bad 3001112233' });
    const error = await failure(new SmsGatewayDriver({ url: 'https://gw.test/sms', token: 't' }).send(message('sms', '3001112233')));
    expect(error.code).toBe(`sms_http_${status}`);
    expect(error.retryable).toBe(retryable);
  });
});

/** Just enough SMTP to accept one message and keep what it received. */
function fakeSmtp(): Promise<{ server: Server; port: number; received: string[] }> {
  const received: string[] = [];
  const server = createServer((socket) => {
    let inData = false;
    let data = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      for (const line of chunk.toString('utf8').split('\r\n').filter((l, i, all) => l !== '' || i < all.length - 1)) {
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(data);
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, received })));
}

describe('e-mail drivers', () => {
  it('SMTP: delivers with the outbox id as Message-ID', async () => {
    const smtp = await fakeSmtp();
    const driver = new SmtpEmailDriver({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'oficina@eps.test', messageIdDomain: 'oficina.test' });
    await driver.send(message('email', 'maria@example.test'));
    driver.close();
    smtp.server.close();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatch(/Message-ID: <msg-1@oficina\.test>/i);
    expect(smtp.received[0]).toContain('tu solicitud fue radicada');
  });

  it('SMTP unreachable is retryable', async () => {
    const driver = new SmtpEmailDriver({ smtpUrl: 'smtp://127.0.0.1:1', from: 'oficina@eps.test', messageIdDomain: 'oficina.test', timeoutMs: 2_000 });
    const error = await failure(driver.send(message('email', 'maria@example.test')));
    expect(error).toMatchObject({ code: 'smtp_unavailable', retryable: true });
    driver.close();
  });

  it('development driver logs the address masked and no body', async () => {
    const logger = createMemoryLogger();
    await new DevEmailDriver(logger).send(message('email', 'maria.perez@example.test'));
    const line = logger.lines.join('\n');
    expect(line).toContain('m*********z@example.test');
    expect(line).not.toContain('maria.perez');
    expect(line).not.toContain('radicada');
  });
});
