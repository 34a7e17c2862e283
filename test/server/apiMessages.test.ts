// POST /api/messages through botbuilder's CloudAdapter: the Emulator's way in (no app id, development),
// refused callers when an app id is configured, and bad bodies answered in the common error shape.
import { ActivityHandler } from 'botbuilder';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BotFrameworkChannel } from '../../src/channels/botframework/botFrameworkChannel';
import { ChannelRegistry } from '../../src/channels/channelRegistry';
import { createMemoryLogger } from '../../src/observability/logger';
import { AppServer, createServer } from '../../src/server/createServer';

class EchoBot extends ActivityHandler {
  turns = 0;
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      this.turns += 1;
      await context.sendActivity(`Recibí: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const servers: AppServer[] = [];

async function serve(credentials: { appId?: string; appPassword?: string } = {}) {
  const logger = createMemoryLogger();
  const channel = new BotFrameworkChannel({ ...credentials, logger });
  const bot = new EchoBot();
  const server = createServer({ logger, ready: async () => true, botFramework: channel.handler(bot), publicUrl: 'http://localhost' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, channel, logger, bot };
}

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

const activity = (text: string) => ({
  type: 'message',
  id: 'a1',
  text,
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1:9',
  conversation: { id: 'conv-1' },
  from: { id: 'user-1' },
  recipient: { id: 'bot' },
  // The Emulator's "expect replies" mode: the answer comes back in the HTTP response, no callback.
  deliveryMode: 'expectReplies',
});

describe('/api/messages', () => {
  it('without app credentials (development) runs the bot and returns its replies', async () => {
    const { url, channel } = await serve();
    expect(channel.open).toBe(true);
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity('hola')) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { activities: { text: string }[] };
    expect(body.activities.map((a) => a.text)).toEqual(['Recibí: hola']);
  });

  // Open (no app id) it must not become a way to make the server call any address, nor to take turns in
  // another channel's conversation (a web chat id, a WhatsApp number) without logging in.
  it.each([
    ['a cloud metadata address', { serviceUrl: 'http://169.254.169.254/latest/meta-data/' }, 'service_url_not_allowed'],
    ['a host on the network', { serviceUrl: 'http://10.0.0.7:8080/' }, 'service_url_not_allowed'],
    ['a look-alike of localhost', { serviceUrl: 'http://localhost.evil.example/' }, 'service_url_not_allowed'],
    ['credentials in a loopback URL', { serviceUrl: 'http://user:pw@127.0.0.1:9/' }, 'service_url_not_allowed'],
    ['a WhatsApp conversation', { channelId: 'whatsapp', conversation: { id: '573001112233@c.us' } }, 'channel_not_allowed'],
    ['a web chat conversation', { channelId: 'webchat' }, 'channel_not_allowed'],
  ])('without app credentials, refuses %s with 403 and never runs the bot', async (_name, change, code) => {
    const { url, bot } = await serve();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...activity('hola'), ...change }),
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/MicrosoftAppId/);
    expect(bot.turns).toBe(0);
  });

  it('without app credentials, still serves the Emulator on an IPv6 loopback serviceUrl', async () => {
    const { url, bot } = await serve();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...activity('hola'), serviceUrl: 'http://[::1]:53000' }),
    });
    expect(response.status).toBe(200);
    expect(bot.turns).toBe(1);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a forged token', 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.'],
  ])('with app credentials, refuses %s with 401 and never runs the bot', async (_name, authorization) => {
    const { url, channel } = await serve({ appId: '00000000-0000-0000-0000-000000000001', appPassword: 'secreto' });
    expect(channel.open).toBe(false);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify(activity('hola')),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it.each([
    ['malformed JSON', { 'Content-Type': 'application/json' }, '{"type":', 400, 'malformed_json'],
    ['an activity without conversation', { 'Content-Type': 'application/json' }, JSON.stringify({ type: 'message', text: 'x' }), 400, 'invalid_activity'],
    ['a compressed body', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, gzipSync(JSON.stringify(activity('x'))), 415, 'content_encoding_not_supported'],
    ['an oversized body', { 'Content-Type': 'application/json' }, JSON.stringify(activity('x'.repeat(300 * 1024))), 413, 'body_too_large'],
  ])('refuses %s', async (_name, headers, body, status, code) => {
    const { url } = await serve();
    const response = await fetch(url, { method: 'POST', headers, body });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('sends each reply to the service URL of the Emulator that wrote, when two take turns', async () => {
    const { url } = await serve();
    // Two Emulators on this machine, each receiving the bot's replies on its own service URL.
    const received: Array<{ emulator: string; text: string }> = [];
    const emulators = await Promise.all(
      ['first', 'second'].map(async (emulator) => {
        const server = http.createServer((req, res) => {
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => {
            received.push({ emulator, text: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string }).text });
            res.setHeader('Content-Type', 'application/json');
            res.end(JSON.stringify({ id: `r${received.length}` }));
          });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return { server, serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
      }),
    );
    try {
      for (const [i, emulator] of [emulators[0], emulators[1], emulators[0]].entries()) {
        const body = { ...activity(`mensaje ${i}`), deliveryMode: undefined, serviceUrl: emulator.serviceUrl, conversation: { id: `conv-${i}` } };
        const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        expect(response.status).toBe(200);
      }
      expect(received).toEqual([
        { emulator: 'first', text: 'Recibí: mensaje 0' },
        { emulator: 'second', text: 'Recibí: mensaje 1' },
        { emulator: 'first', text: 'Recibí: mensaje 2' },
      ]);
    } finally {
      for (const { server } of emulators) await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('registers for proactive messages under the Bot Framework channel ids it is given', async () => {
    const { channel } = await serve();
    const registry = new ChannelRegistry();
    channel.registerIn(registry, ['emulator']);
    expect(registry.adapterFor('emulator')).toBe(channel);
  });
});
