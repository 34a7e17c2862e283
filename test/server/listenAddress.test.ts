// Where the real app listens. Development serves demo accounts, /dev/outbox (every SMS, temporary
// passwords included) and an open /api/messages, so a plain start must be reachable from this machine only.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startTestApp, TestApp } from '../helpers/testApp';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Resolves 'connected' or the connection error's code, within 2 s. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('listen address', () => {
  it('defaults to loopback in development and every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const production = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://ov.example.co',
      SESSION_SECRET: 'x'.repeat(40),
      SMS_GATEWAY_URL: 'https://sms.example.co/send',
      SMS_GATEWAY_TOKEN: 't',
      MicrosoftAppId: 'id',
      MicrosoftAppPassword: 'pw',
    });
    expect(production.host).toBe('0.0.0.0');
    expect(() => loadConfig({ HOST: 'todas' })).toThrow(/HOST/);
  });

  it('a development start is bound to 127.0.0.1: this machine connects, the network does not', async () => {
    t = await startTestApp({ env: { NODE_ENV: 'development' } });
    const bound = t.app.boundAddress();
    expect(bound?.address).toBe('127.0.0.1');
    expect(await tryConnect('127.0.0.1', bound!.port)).toBe('connected');
    // The same port on this machine's network address: what another computer on the LAN would reach.
    if (networkAddress) expect(await tryConnect(networkAddress, bound!.port)).toBe('ECONNREFUSED');
    const health = await fetch(`http://127.0.0.1:${bound!.port}/health`);
    expect(health.status).toBe(200);
  });

  it('HOST opens it to the network when someone asks for it', async () => {
    t = await startTestApp({ env: { NODE_ENV: 'development', HOST: '0.0.0.0' } });
    const bound = t.app.boundAddress();
    expect(bound?.address).toBe('0.0.0.0');
    if (networkAddress) expect(await tryConnect(networkAddress, bound!.port)).toBe('connected');
  });
});
