import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { common } from '../../../dialogs/messages/common';
import { ChannelRegistry } from '../../../src/channels/channelRegistry';
import { WHATSAPP_WEBJS_CHANNEL, WebJsAdapter } from '../../../src/channels/whatsapp/webjsAdapter';
import { createTurnErrorHandler } from '../../../src/bot/turnErrorHandler';
import { createMemoryLogger, silentLogger } from '../../../src/observability/logger';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { fixedClock } from '../../helpers/clock';
import { FakeWebJsClient } from '../../helpers/fakeWebJsClient';
import { createTestBot, echoBot, fixturePath, tempStagedStore } from './fakes';
import { phonePhoto } from '../../helpers/photos';

const MARIA = '573001112233@c.us';
const LID = '140737488355328@lid';

describe('whatsapp-web.js adapter', () => {
  let staged: Awaited<ReturnType<typeof tempStagedStore>>;
  let client: FakeWebJsClient;

  beforeEach(async () => {
    staged = await tempStagedStore();
    client = new FakeWebJsClient();
  });
  afterEach(async () => staged.cleanup());

  function realBotAdapter() {
    const testBot = createTestBot(fixedClock('2026-11-27T15:00:00Z'));
    const adapter = new WebJsAdapter({ client, bot: testBot.bot, files: staged.store, logger: silentLogger });
    adapter.onTurnError = createTurnErrorHandler({
      logger: silentLogger,
      dialogState: testBot.accessors.dialogState,
      saveState: (context) => testBot.conversationState.saveChanges(context, true),
    });
    return adapter;
  }

  it('answers a text in the same chat, with the menu options numbered', async () => {
    realBotAdapter();
    await client.receive({ from: MARIA, body: 'hola' });

    const texts = client.textsTo(MARIA);
    expect(texts[0]).toBe(common.welcome);
    expect(texts[1]).toMatch(/^¿Qué quieres hacer\?[\s\S]*\n\n1\. Registrarme\n2\. Iniciar sesión\n3\. /);
    expect(client.sent.every((s) => s.chatId === MARIA)).toBe(true);
  });

  it('keeps the conversation going: "2" picks the second option of the menu it showed', async () => {
    realBotAdapter();
    await client.receive({ from: MARIA, body: 'hola' });
    client.takeSent();
    await client.receive({ from: MARIA, body: '2' });
    // Login is not registered in this bot: the menu says it is coming soon, which proves "2" was understood.
    expect(client.textsTo(MARIA)[0]).toBe(common.comingSoon('Iniciar sesión'));
  });

  it('answers a sender known only by an @lid id at that same id', async () => {
    realBotAdapter();
    await client.receive({ from: LID, body: 'buenas' });
    expect(client.textsTo(LID)[0]).toBe(common.welcome);
  });

  it.each([
    ['its own messages', { from: MARIA, fromMe: true }],
    ['groups', { from: '120363025246125888@g.us' }],
    ['status broadcasts', { from: 'status@broadcast', isStatus: true }],
    ['broadcast lists', { from: '1690000000@broadcast' }],
    ['channels', { from: '120363144038483540@newsletter' }],
  ])('ignores %s', async (_label, message) => {
    const bot = echoBot();
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });
    await client.receive({ body: 'hola', ...message });
    expect(bot.seen).toHaveLength(0);
    expect(client.sent).toHaveLength(0);
  });

  it('ignores notifications and reactions, which expect no answer', async () => {
    const bot = echoBot();
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });
    await client.receive({ from: MARIA, type: 'e2e_notification', body: '' });
    await client.receive({ from: MARIA, type: 'reaction', body: '👍' });
    await client.receive({ from: MARIA, type: 'chat', body: '   ' });
    expect(bot.seen).toHaveLength(0);
  });

  it('stages a PDF and hands the bot an attachment pointing at the staged bytes', async () => {
    const pdf = await readFile(fixturePath('orden-medica.pdf'));
    const bot = echoBot(async () => undefined);
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });

    await client.receive({
      from: MARIA,
      type: 'document',
      hasMedia: true,
      body: 'mi orden',
      downloadMedia: async () => ({ mimetype: 'application/pdf', data: pdf.toString('base64'), filename: 'orden.pdf', filesize: pdf.length }),
    });

    expect(bot.seen).toHaveLength(1);
    const activity = bot.seen[0];
    expect(activity.text).toBe('mi orden');
    expect(activity.attachments).toHaveLength(1);
    const attachment = activity.attachments![0];
    expect(attachment).toMatchObject({ contentType: 'application/pdf', name: 'orden.pdf' });
    const id = StagedFileStore.idFromUrl(attachment.contentUrl)!;
    expect(await staged.store.read(id)).toEqual(pdf);
  });

  it.each([
    ['an image message from the camera (no file name)', 'image', undefined, 'foto.jpg'],
    ['a photo sent as a document', 'document', 'IMG-2031.jpg', 'IMG-2031.jpg'],
  ])('stages %s as an attachment: the dialog judges the bytes', async (_label, type, filename, name) => {
    const photo = await phonePhoto();
    const bot = echoBot(async () => undefined);
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });
    await client.receive({ from: MARIA, type, hasMedia: true, downloadMedia: async () => ({ mimetype: 'image/jpeg', data: photo.toString('base64'), filename }) });
    const attachment = bot.seen[0].attachments![0];
    expect(attachment).toMatchObject({ contentType: 'image/jpeg', name });
    expect(await staged.store.read(StagedFileStore.idFromUrl(attachment.contentUrl)!)).toEqual(photo);
  });

  it.each([
    ['a Word document', { mimetype: 'application/msword', data: 'AAAA', filename: 'orden.doc' }, 'document'],
    ['a PDF larger than the limit (declared)', { mimetype: 'application/pdf', data: 'JVBERi0=', filename: 'x.pdf', filesize: 16 * 1024 * 1024 }, 'file_too_large'],
    ['a PDF larger than the limit (actual bytes)', { mimetype: 'application/pdf', data: Buffer.alloc(2000).toString('base64'), filename: 'x.pdf' }, 'file_too_large'],
    ['media the phone no longer has', undefined, 'file_unavailable'],
  ])('marks %s as unsupported content instead of an attachment', async (_label, media, kind) => {
    const bot = echoBot(async () => undefined);
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger, maxFileBytes: 1000 });
    await client.receive({ from: MARIA, type: 'document', hasMedia: true, downloadMedia: async () => media });
    expect(bot.seen[0].channelData).toEqual({ unsupportedContent: kind });
    expect(bot.seen[0].attachments).toEqual([]);
  });

  it('refuses a document declared larger than the limit without downloading it', async () => {
    const bot = echoBot(async () => undefined);
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger, maxFileBytes: 1000 });
    let downloads = 0;
    await client.receive({
      from: MARIA,
      type: 'document',
      hasMedia: true,
      declaredMediaBytes: 2 * 1024 * 1024 * 1024,
      downloadMedia: async () => {
        downloads += 1;
        return { mimetype: 'application/pdf', data: 'JVBERi0=', filename: 'enorme.pdf' };
      },
    });
    expect(downloads).toBe(0);
    expect(bot.seen[0].channelData).toEqual({ unsupportedContent: 'file_too_large' });
  });

  it.each([
    ['sticker', 'sticker'],
    ['ptt', 'audio'],
    ['audio', 'audio'],
    ['location', 'location'],
    ['vcard', 'contact'],
  ])('passes a %s to the bot as unsupported content (%s)', async (type, kind) => {
    const bot = echoBot(async () => undefined);
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });
    await client.receive({ from: MARIA, type, hasMedia: type !== 'location' && type !== 'vcard' });
    expect(bot.seen[0].channelData).toEqual({ unsupportedContent: kind });
  });

  it.each(['sticker', 'ptt', 'audio', 'location', 'vcard'])('with the real bot, answers a %s kindly and asks the question again', async (type) => {
    realBotAdapter();
    await client.receive({ from: MARIA, body: 'hola' });
    client.takeSent();
    await client.receive({ from: MARIA, type, hasMedia: type !== 'location' && type !== 'vcard' });
    const texts = client.textsTo(MARIA);
    expect(texts[0]).toBe(common.onlyTextAndPdf);
    expect(texts[1]).toMatch(/^¿Qué quieres hacer\?[\s\S]*\n1\. Registrarme/);
  });

  it('sends an outbound PDF as a document file', async () => {
    const pdf = await readFile(fixturePath('orden-medica.pdf'));
    const bot = echoBot(async (context) => {
      await context.sendActivity({
        text: 'Aquí está tu certificado.',
        attachments: [{ contentType: 'application/pdf', name: 'certificado.pdf', contentUrl: `data:application/pdf;base64,${pdf.toString('base64')}` }],
      });
    });
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });
    await client.receive({ from: MARIA, body: 'certificado' });

    expect(client.sent).toHaveLength(2);
    expect(client.sent[0]).toEqual({ chatId: MARIA, text: 'Aquí está tu certificado.' });
    expect(client.sent[1]).toEqual({ chatId: MARIA, file: { mimetype: 'application/pdf', filename: 'certificado.pdf', data: pdf } });
  });

  it('routes an error in the bot to the turn-error handler, which apologises in the same chat', async () => {
    const bot = echoBot(async () => {
      throw new Error('database down');
    });
    const adapter = new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });
    const errors: Error[] = [];
    adapter.onTurnError = async (context, error) => {
      errors.push(error);
      await context.sendActivity(common.turnError);
    };
    await client.receive({ from: MARIA, body: 'hola' });
    expect(errors.map((e) => e.message)).toEqual(['database down']);
    expect(client.textsTo(MARIA)).toEqual([common.turnError]);
  });

  it('survives an error even without a turn-error handler (logged, no crash)', async () => {
    const logger = createMemoryLogger();
    const bot = echoBot(async () => {
      throw new Error('boom');
    });
    new WebJsAdapter({ client, bot, files: staged.store, logger });
    await expect(client.receive({ from: MARIA, body: 'hola' })).resolves.toBeUndefined();
    expect(logger.lines.some((l) => l.includes('whatsapp_message_failed'))).toBe(true);
  });

  it('delivers a proactive message through the registry to the right chat', async () => {
    const adapter = new WebJsAdapter({ client, bot: echoBot(), files: staged.store, logger: silentLogger });
    const registry = new ChannelRegistry();
    registry.register(WHATSAPP_WEBJS_CHANNEL, adapter);

    await registry.send(adapter.referenceFor(LID), [{ type: 'message', text: 'Hola, soy Laura, asesora. ¿En qué te ayudo?' }]);
    await registry.send(adapter.referenceFor(MARIA), [{ type: 'message', text: 'Tu sesión con el asesor terminó.' }]);

    expect(client.sent).toEqual([
      { chatId: LID, text: 'Hola, soy Laura, asesora. ¿En qué te ayudo?' },
      { chatId: MARIA, text: 'Tu sesión con el asesor terminó.' },
    ]);
  });

  it('lets a proactive failure reach the caller instead of the turn-error handler', async () => {
    const adapter = new WebJsAdapter({ client, bot: echoBot(), files: staged.store, logger: silentLogger });
    let handlerCalled = false;
    adapter.onTurnError = async () => {
      handlerCalled = true;
    };
    client.sendText = async () => {
      throw new Error('not connected');
    };
    await expect(adapter.continueConversation(adapter.referenceFor(MARIA), (c) => c.sendActivity('x').then(() => undefined))).rejects.toThrow('not connected');
    expect(handlerCalled).toBe(false);
  });

  it('answers the messages of one chat in the order they arrived, even when a PDF download is slow', async () => {
    const pdf = await readFile(fixturePath('orden-medica.pdf'));
    let releaseDownload!: () => void;
    const downloadGate = new Promise<void>((resolve) => (releaseDownload = resolve));
    const bot = echoBot(async (context) => {
      await context.sendActivity(context.activity.attachments?.length ? 'recibí el PDF' : `recibí: ${context.activity.text}`);
    });
    new WebJsAdapter({ client, bot, files: staged.store, logger: silentLogger });

    const first = client.receive({
      from: MARIA,
      type: 'document',
      hasMedia: true,
      downloadMedia: async () => {
        await downloadGate;
        return { mimetype: 'application/pdf', data: pdf.toString('base64'), filename: 'orden.pdf' };
      },
    });
    const second = client.receive({ from: MARIA, body: 'listo' });
    const other = client.receive({ from: LID, body: 'hola' });
    await other; // another chat is not held up by María's download
    expect(client.textsTo(LID)).toEqual(['recibí: hola']);
    releaseDownload();
    await Promise.all([first, second]);
    expect(client.textsTo(MARIA)).toEqual(['recibí el PDF', 'recibí: listo']);
  });

  it('logs what happened without phone numbers or message text', async () => {
    const logger = createMemoryLogger();
    new WebJsAdapter({ client, bot: echoBot(), files: staged.store, logger });
    await client.receive({ from: MARIA, body: 'mi cédula es 1045678901' });
    const all = logger.lines.join('\n');
    expect(all).toContain('whatsapp_message_received');
    expect(all).not.toContain('573001112233');
    expect(all).not.toContain('1045678901');
  });
});
