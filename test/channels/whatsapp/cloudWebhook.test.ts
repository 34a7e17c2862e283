import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readdir, readFile } from 'node:fs/promises';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { common } from '../../../dialogs/messages/common';
import { MemoryWhatsAppCloudStore } from '../../../src/channels/whatsapp/cloudStore';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { createMemoryLogger } from '../../../src/observability/logger';
import { CloudHarness, createCloudHarness, fixture, GRAPH, readableSent, textPayload, USER, VERIFY_TOKEN } from './cloudHarness';
import { echoBot, fixturePath } from './fakes';
import { phonePhoto } from '../../helpers/photos';

describe('WhatsApp Cloud API webhook', () => {
  let h: CloudHarness;
  afterEach(async () => h?.close());

  describe('verification handshake', () => {
    it('echoes hub.challenge when the verify token matches', async () => {
      h = await createCloudHarness();
      const response = await fetch(`${h.base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('1158201444');
    });

    it.each([
      ['a wrong token', `hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`],
      ['no token', `hub.mode=subscribe&hub.challenge=1`],
      ['another mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`],
    ])('refuses %s with 403', async (_label, query) => {
      h = await createCloudHarness();
      const response = await fetch(`${h.base}/webhooks/whatsapp?${query}`);
      expect(response.status).toBe(403);
    });

    it('does not reflect a challenge that is not a plain token', async () => {
      h = await createCloudHarness();
      const response = await fetch(
        `${h.base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=${encodeURIComponent('<script>x</script>')}`,
      );
      expect(response.status).toBe(400);
    });
  });

  describe('signed notifications', () => {
    it('acknowledges a text message and the bot answers through the Graph API', async () => {
      h = await createCloudHarness();
      const response = await h.deliver(await fixture('text'));
      expect(response.status).toBe(200);

      expect(h.sent.every((m) => m.to === USER && m.messaging_product === 'whatsapp')).toBe(true);
      expect(h.sent[0]).toMatchObject({ type: 'text', text: { body: common.welcome } });
      // The menu (9 options) goes out as an interactive list.
      expect(h.sent[1]).toMatchObject({ type: 'interactive', interactive: { type: 'list', action: { button: 'Ver opciones' } } });
      expect(readableSent(h.sent[1])).toMatch(/Qué quieres hacer[\s\S]*\[list\] Registrarme \| Iniciar sesión \| Solicitar autorización/);
    });

    it('refuses an unsigned body with 401 and stores nothing', async () => {
      const store = new MemoryWhatsAppCloudStore();
      h = await createCloudHarness({ store });
      const response = await h.post(await fixture('text'), { signature: null });
      expect(response.status).toBe(401);
      expect(store.rows.size).toBe(0);
    });

    it.each([
      ['a forged signature', 'sha256=' + 'ab'.repeat(32)],
      ['a malformed signature', 'sha1=abc'],
    ])('refuses %s with 403 and stores nothing', async (_label, signature) => {
      const store = new MemoryWhatsAppCloudStore();
      h = await createCloudHarness({ store });
      const response = await h.post(await fixture('text'), { signature });
      expect(response.status).toBe(403);
      expect(store.rows.size).toBe(0);
    });

    it('refuses a body altered after signing', async () => {
      const store = new MemoryWhatsAppCloudStore();
      h = await createCloudHarness({ store });
      const original = JSON.stringify(await fixture('text'));
      const { signatureFor } = await import('../../../src/channels/whatsapp/cloudWebhook');
      const signature = signatureFor(original, 'test-app-secret');
      const response = await h.post(original.replace('hola', 'hola!'), { signature });
      expect(response.status).toBe(403);
      expect(store.rows.size).toBe(0);
    });

    it('refuses a body over the size limit with 413', async () => {
      h = await createCloudHarness({ maxBodyBytes: 2_000 });
      const response = await h.post(textPayload('wamid.BIG', 'x'.repeat(5_000)));
      expect(response.status).toBe(413);
    });

    it('refuses a compressed body with 415 (its size could not be trusted)', async () => {
      h = await createCloudHarness();
      const raw = gzipSync(JSON.stringify(await fixture('text')));
      const response = await h.post(raw.toString('latin1'), { headers: { 'Content-Encoding': 'gzip' } });
      expect(response.status).toBe(415);
    });

    it('processes a replayed notification once (Meta delivers at least once)', async () => {
      const bot = echoBot();
      h = await createCloudHarness({ bot });
      const payload = await fixture('text');
      expect((await h.deliver(payload)).status).toBe(200);
      expect((await h.deliver(payload)).status).toBe(200);
      expect(bot.seen).toHaveLength(1);
      expect(h.sent.map(readableSent)).toEqual(['eco: hola']);
    });

    it('answers 500 when the inbox cannot be written, so that Meta retries', async () => {
      const store = new MemoryWhatsAppCloudStore();
      store.enqueue = async () => {
        throw new Error('database is locked');
      };
      const bot = echoBot();
      h = await createCloudHarness({ store, bot });
      const response = await h.post(await fixture('text'));
      expect(response.status).toBe(500);
      await h.worker.drain();
      expect(bot.seen).toHaveLength(0);
    });

    it('ignores notifications for another phone number', async () => {
      const bot = echoBot();
      h = await createCloudHarness({ bot });
      const payload = JSON.parse(JSON.stringify(await fixture('text')).replace('106540352242922', '999999999999999'));
      expect((await h.deliver(payload)).status).toBe(200);
      expect(bot.seen).toHaveLength(0);
    });

    it('records delivery statuses (sent, delivered, failed with its code)', async () => {
      h = await createCloudHarness();
      expect((await h.deliver(await fixture('statuses'))).status).toBe(200);
      const delivered = await h.store.statusesOf('wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3N0EyQUJDMjFEQzZCQUMzODMA');
      expect(delivered.map((s) => s.status)).toEqual(['sent', 'delivered']);
      const failed = await h.store.statusesOf('wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGQUlMRURNRVNTQUdFMDAwMDAA');
      expect(failed).toEqual([expect.objectContaining({ status: 'failed', errorCode: 131047 })]);
      expect(h.sent).toEqual([]);
    });

    it('answers the messages of one sender in order, one at a time', async () => {
      const order: string[] = [];
      const bot = echoBot(async (context) => {
        order.push(`start ${context.activity.text}`);
        await context.sendActivity(`eco: ${context.activity.text}`);
        order.push(`end ${context.activity.text}`);
      });
      h = await createCloudHarness({ bot });
      const batch = textPayload('wamid.1', 'uno');
      const messages = (batch.entry[0].changes[0].value as { messages: unknown[] }).messages;
      messages.push(
        { from: USER, id: 'wamid.2', timestamp: '1795791601', type: 'text', text: { body: 'dos' } },
        { from: USER, id: 'wamid.3', timestamp: '1795791602', type: 'text', text: { body: 'tres' } },
      );
      await h.deliver(batch);
      expect(order).toEqual(['start uno', 'end uno', 'start dos', 'end dos', 'start tres', 'end tres']);
      expect(h.sent.map(readableSent)).toEqual(['eco: uno', 'eco: dos', 'eco: tres']);
    });

    it('logs without phone numbers or message text', async () => {
      const logger = createMemoryLogger();
      h = await createCloudHarness({ bot: echoBot(), logger });
      await h.deliver(textPayload('wamid.P', 'mi cédula es 1045678901'));
      const all = logger.lines.join('\n');
      expect(all).toContain('whatsapp_webhook_received');
      expect(all).not.toContain(USER);
      expect(all).not.toContain('1045678901');
    });
  });

  describe('what users send', () => {
    it('routes a list choice as the user\'s answer', async () => {
      h = await createCloudHarness();
      await h.deliver(textPayload('wamid.hola', 'hola'));
      h.take();
      await h.deliver(await fixture('interactive_list_reply'));
      // No login dialog in this bot: "coming soon" proves the row was read as the menu answer.
      expect(h.sent.map(readableSent)[0]).toBe(common.comingSoon('Iniciar sesión'));
    });

    it('routes a reply button as the user\'s answer', async () => {
      const bot = echoBot();
      h = await createCloudHarness({ bot });
      await h.deliver(await fixture('interactive_button_reply'));
      expect(bot.seen[0].text).toBe('Sí');
    });

    it('fetches a PDF by media id, checks it and hands the bot a staged attachment', async () => {
      const pdf = await readFile(fixturePath('orden-medica.pdf'));
      const sha = createHash('sha256').update(pdf).digest('hex');
      nock(GRAPH)
        .get('/v21.0/1003383421387256')
        .query({ phone_number_id: '106540352242922' })
        .reply(200, { messaging_product: 'whatsapp', url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256', mime_type: 'application/pdf', sha256: sha, file_size: pdf.length, id: '1003383421387256' });
      nock('https://lookaside.fbsbx.com').get('/whatsapp_business/attachments/').query(true).reply(200, pdf);
      const bot = echoBot(async () => undefined);
      h = await createCloudHarness({ bot });

      await h.deliver(await fixture('document', { __SHA256__: sha }));

      const activity = bot.seen[0];
      expect(activity.text).toBe('mi orden');
      expect(activity.attachments?.[0]).toMatchObject({ contentType: 'application/pdf', name: 'orden-medica.pdf' });
      const id = StagedFileStore.idFromUrl(activity.attachments?.[0].contentUrl)!;
      expect(await h.staged.store.read(id)).toEqual(pdf);
    });

    it.each([
      ['an image message from the camera', 'image', { '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3': '__SHA256__', '2754859441498128': '1003383421387256' }, 'foto.jpg'],
      ['a photo sent as a document', 'document', { 'application/pdf': 'image/jpeg', 'orden-medica.pdf': 'orden.jpg' }, 'orden.jpg'],
    ])('fetches %s by media id and hands the bot a staged attachment (the dialog judges the bytes)', async (_label, name, replace, fileName) => {
      const photo = await phonePhoto();
      const sha = createHash('sha256').update(photo).digest('hex');
      nock(GRAPH).get('/v21.0/1003383421387256').query(true).reply(200, { url: 'https://lookaside.fbsbx.com/p', mime_type: 'image/jpeg', sha256: sha, file_size: photo.length });
      nock('https://lookaside.fbsbx.com').get('/p').reply(200, photo);
      const bot = echoBot(async () => undefined);
      h = await createCloudHarness({ bot });
      const payload = JSON.parse(JSON.stringify(await fixture(name, replace)).replaceAll('__SHA256__', sha)) as Record<string, unknown>;
      await h.deliver(payload);
      expect(bot.seen[0].attachments?.[0]).toMatchObject({ contentType: 'image/jpeg', name: fileName });
      const id = StagedFileStore.idFromUrl(bot.seen[0].attachments?.[0].contentUrl)!;
      expect(await h.staged.store.read(id)).toEqual(photo);
    });

    it('does not accept a PDF whose bytes differ from the announced SHA-256', async () => {
      const pdf = await readFile(fixturePath('orden-medica.pdf'));
      nock(GRAPH).get('/v21.0/1003383421387256').query(true).reply(200, { url: 'https://lookaside.fbsbx.com/a', mime_type: 'application/pdf' });
      const download = nock('https://lookaside.fbsbx.com').get('/a').reply(200, pdf);
      const bot = echoBot(async () => undefined);
      const logger = createMemoryLogger();
      h = await createCloudHarness({ bot, logger });
      await h.deliver(await fixture('document', { __SHA256__: 'f'.repeat(64) }));
      expect(bot.seen[0].attachments).toEqual([]);
      expect(bot.seen[0].channelData).toEqual({ unsupportedContent: 'file_unavailable' });
      expect(await readdir(h.staged.dir)).toEqual([]);
      // Every download failure looks the same to the user; the bytes were fetched, and the log names the checksum.
      expect(download.isDone()).toBe(true);
      const refusals = logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.event === 'whatsapp_media_refused');
      expect(refusals).toEqual([expect.objectContaining({ reason: 'media_checksum_mismatch' })]);
    });

    it.each([
      ['sticker', 'sticker'],
      ['audio', 'audio'],
      ['location', 'location'],
      ['contacts', 'contact'],
    ])('marks a %s as unsupported content (%s)', async (name, kind) => {
      const bot = echoBot(async () => undefined);
      h = await createCloudHarness({ bot });
      await h.deliver(await fixture(name));
      expect(bot.seen[0].channelData).toEqual({ unsupportedContent: kind });
      expect(bot.seen[0].attachments).toEqual([]);
    });

    it.each(['sticker', 'audio', 'location', 'contacts'])('answers a %s kindly and asks the question again', async (name) => {
      h = await createCloudHarness();
      await h.deliver(textPayload('wamid.hola', 'hola'));
      h.take();
      await h.deliver(await fixture(name));
      const replies = h.take().map(readableSent);
      expect(replies).toHaveLength(2);
      expect(replies[0]).toBe(common.onlyTextAndPdf);
      expect(replies[1]).toMatch(/\[list\] Registrarme/);
    });
  });
});
