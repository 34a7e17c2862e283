import type { AddressInfo } from 'node:net';
import nock from 'nock';
import restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { common } from '../../../dialogs/messages/common';
import { ChannelRegistry } from '../../../src/channels/channelRegistry';
import { signatureFor } from '../../../src/channels/whatsapp/cloudWebhook';
import { createWhatsAppCloudChannel, startWhatsAppWebJsChannel } from '../../../src/channels/whatsapp/whatsAppChannels';
import { silentLogger } from '../../../src/observability/logger';
import { KnexWhatsAppCloudRepository } from '../../../src/storage/repositories/knexWhatsAppCloudRepository';
import { fixedClock } from '../../helpers/clock';
import { createTestDb, TestDb } from '../../helpers/testDb';
import { APP_SECRET, GRAPH, PHONE_ID, textPayload, USER, VERIFY_TOKEN } from './cloudHarness';
import { FakeWebJsClient } from '../../helpers/fakeWebJsClient';
import { echoBot, tempStagedStore } from './fakes';

describe('WhatsApp channels as the composition root builds them', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('Cloud API: webhook → inbox in the database → bot → Graph API, once per message id', async () => {
    const db: TestDb = await createTestDb({ seed: 'none' });
    cleanups.push(db.close);
    const staged = await tempStagedStore();
    cleanups.push(staged.cleanup);
    const registry = new ChannelRegistry();
    const bot = echoBot();
    const errors: Error[] = [];
    const channel = createWhatsAppCloudChannel({
      settings: { token: 'EAAtoken', appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, phoneNumberId: PHONE_ID, apiUrl: `${GRAPH}/v21.0` },
      store: new KnexWhatsAppCloudRepository(db.knex),
      clock: fixedClock('2026-11-27T15:00:30Z'),
      bot,
      files: staged.store,
      registry,
      logger: silentLogger,
      onTurnError: async (_context, error) => {
        errors.push(error);
      },
    });
    const server = restify.createServer();
    channel.routes(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await channel.start();
    await channel.worker.drain();

    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const sent: unknown[] = [];
    nock(GRAPH)
      .persist()
      .post(`/v21.0/${PHONE_ID}/messages`)
      .reply(200, (_uri, body) => {
        sent.push(body);
        return { messages: [{ id: `wamid.OUT${sent.length}` }] };
      });

    const raw = JSON.stringify(textPayload('wamid.E2E', 'hola'));
    const post = () =>
      fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signatureFor(raw, APP_SECRET) },
        body: raw,
      });
    expect((await post()).status).toBe(200);
    await channel.worker.drain();
    expect((await post()).status).toBe(200);
    await channel.stop();

    expect(errors).toEqual([]);
    expect(bot.seen).toHaveLength(1);
    expect(sent).toEqual([expect.objectContaining({ to: USER, type: 'text', text: { body: 'eco: hola' } })]);
    expect(registry.adapterFor('whatsapp')).toBe(channel.adapter);
    const row = await db.knex('whatsapp_inbox').where({ message_id: 'wamid.E2E' }).first();
    expect(row).toMatchObject({ status: 'done', payload: null });
  });

  it('whatsapp-web.js: started, registered for proactive sends, answering in the chat', async () => {
    const staged = await tempStagedStore();
    cleanups.push(staged.cleanup);
    const client = new FakeWebJsClient();
    const registry = new ChannelRegistry();
    const channel = await startWhatsAppWebJsChannel({
      settings: { sessionDir: '/nonexistent', chromeBin: '/usr/bin/chromium' },
      client,
      bot: echoBot(),
      files: staged.store,
      registry,
      logger: silentLogger,
      onTurnError: async (context) => {
        await context.sendActivity(common.turnError);
      },
    });
    cleanups.push(channel.stop);

    expect(client.starts).toBe(1);
    await client.receive({ from: '573001112233@c.us', body: 'hola' });
    await registry.send(channel.adapter.referenceFor('573001112233@c.us'), [{ type: 'message', text: 'Aviso' }]);
    expect(client.textsTo('573001112233@c.us')).toEqual(['eco: hola', 'Aviso']);
  });
});
