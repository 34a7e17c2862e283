import { readFile } from 'node:fs/promises';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { common } from '../../../dialogs/messages/common';
import { ChannelRegistry } from '../../../src/channels/channelRegistry';
import { WHATSAPP_CLOUD_CHANNEL } from '../../../src/channels/whatsapp/cloudAdapter';
import { WhatsAppWindowClosedError } from '../../../src/integrations/whatsappCloud/graphErrors';
import { CloudHarness, createCloudHarness, GRAPH, PHONE_ID, readableSent, textPayload, USER } from './cloudHarness';
import { echoBot, fixturePath } from './fakes';

const HOUR = 3600_000;

describe('WhatsApp Cloud API adapter', () => {
  let h: CloudHarness;
  afterEach(async () => h?.close());

  function registry(): ChannelRegistry {
    const r = new ChannelRegistry();
    r.register(WHATSAPP_CLOUD_CHANNEL, h.adapter);
    return r;
  }

  it('delivers a proactive message to the user while the 24-hour window is open', async () => {
    h = await createCloudHarness({ bot: echoBot() });
    await h.deliver(textPayload('wamid.in', 'hola'));
    h.take();
    h.clock.advance(23 * HOUR);
    await registry().send(h.adapter.referenceFor(USER), [{ type: 'message', text: 'Hola, soy Laura, asesora.' }]);
    expect(h.take()).toEqual([expect.objectContaining({ to: USER, type: 'text', text: { body: 'Hola, soy Laura, asesora.' } })]);
  });

  it('refuses a free-form message after 24 hours without calling Meta, and tells the caller', async () => {
    h = await createCloudHarness({ bot: echoBot() });
    await h.deliver(textPayload('wamid.in', 'hola'));
    h.take();
    h.clock.advance(24 * HOUR + 1);
    await expect(registry().send(h.adapter.referenceFor(USER), [{ type: 'message', text: 'Tu asesor respondió.' }])).rejects.toBeInstanceOf(
      WhatsAppWindowClosedError,
    );
    expect(h.sent).toEqual([]);
  });

  it('refuses a message to someone who never wrote', async () => {
    h = await createCloudHarness({ bot: echoBot() });
    await expect(registry().send(h.adapter.referenceFor('573009999999'), [{ type: 'message', text: 'Hola' }])).rejects.toMatchObject({
      code: 'whatsapp_window_closed',
    });
  });

  it('reports Meta\'s own "window closed" answer (131047) the same way', async () => {
    h = await createCloudHarness({ bot: echoBot() });
    await h.deliver(textPayload('wamid.in', 'hola'));
    nock.cleanAll();
    nock.enableNetConnect('127.0.0.1');
    nock(GRAPH).post(`/v21.0/${PHONE_ID}/messages`).reply(400, { error: { code: 131047, message: 'Re-engagement message' } });
    await expect(registry().send(h.adapter.referenceFor(USER), [{ type: 'message', text: 'x' }])).rejects.toBeInstanceOf(WhatsAppWindowClosedError);
  });

  it('uploads an outbound PDF and sends it as a document', async () => {
    const pdf = await readFile(fixturePath('orden-medica.pdf'));
    const bot = echoBot(async (context) => {
      await context.sendActivity({
        text: 'Aquí está tu certificado.',
        attachments: [{ contentType: 'application/pdf', name: 'certificado.pdf', contentUrl: `data:application/pdf;base64,${pdf.toString('base64')}` }],
      });
    });
    h = await createCloudHarness({ bot });
    await h.deliver(textPayload('wamid.in', 'certificado'));

    expect(h.uploads).toHaveLength(1);
    expect(h.uploads[0]).toContain('filename="certificado.pdf"');
    expect(h.uploads[0]).toContain('%PDF-');
    expect(h.sent.map((m) => m.type)).toEqual(['text', 'document']);
    expect(h.sent[1]).toMatchObject({ to: USER, document: { id: 'media-1', filename: 'certificado.pdf' } });
  });

  it('sends an error in the bot to the turn-error handler, which apologises', async () => {
    const bot = echoBot(async () => {
      throw new Error('database down');
    });
    h = await createCloudHarness({ bot });
    await h.deliver(textPayload('wamid.in', 'hola'));
    expect(h.sent.map(readableSent)).toEqual([common.turnError]);
  });

  it('retries an entry whose processing failed outside the bot, then gives up after 3 attempts', async () => {
    let calls = 0;
    h = await createCloudHarness({ bot: echoBot() });
    const original = h.adapter.processEntry.bind(h.adapter);
    h.adapter.processEntry = async (entry) => {
      calls += 1;
      if (calls < 3) throw new Error('graph unreachable');
      return original(entry);
    };
    await h.deliver(textPayload('wamid.retry', 'hola'));
    expect(calls).toBe(3);
    expect(h.sent.map(readableSent)).toEqual(['eco: hola']);

    h.adapter.processEntry = async () => {
      calls += 1;
      throw new Error('still broken');
    };
    calls = 0;
    await h.deliver(textPayload('wamid.broken', 'hola'));
    expect(calls).toBe(3);
    expect(await h.store.listPending(10)).toEqual([]);
  });

  it('after a crash, start() takes back entries left half processed', async () => {
    h = await createCloudHarness({ bot: echoBot() });
    await h.store.enqueue([{ messageId: 'wamid.stuck', waId: USER, sentAt: h.clock.now(), payload: textPayload('wamid.stuck', 'sigo aquí').entry[0].changes[0].value.messages[0] }], h.clock.now());
    await h.store.claim('wamid.stuck', h.clock.now());
    h.clock.advance(10 * 60_000);
    await h.worker.start();
    expect(h.sent.map(readableSent)).toEqual(['eco: sigo aquí']);
  });
});
