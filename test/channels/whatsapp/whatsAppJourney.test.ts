// A whole journey on the app that npm start builds, through each WhatsApp channel's fake: María Fernanda
// registers, gets her temporary password by SMS, logs in, changes it, accepts the charter and files an
// authorization request with a PDF and a photo of her medical order (which becomes a PDF). On
// whatsapp-web.js she answers options with their numbers; on the Cloud API she taps the list rows and
// reply buttons, and her files are fetched from Meta by media id.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterEach, expect, it } from 'vitest';
import { App, createApp } from '../../../src/app';
import { signatureFor } from '../../../src/channels/whatsapp/cloudWebhook';
import { loadConfig } from '../../../src/config';
import { silentLogger } from '../../../src/observability/logger';
import { DEMO_IDS } from '../../../src/storage/seeds/demoSet';
import { fixedClock } from '../../helpers/clock';
import { authorizations as t } from '../../../dialogs/messages';
import { smallPdf } from '../../helpers/pdfCorpus';
import { phonePhoto, photoPdfFacts, UPRIGHT_CLEAN_PHOTO_PDF } from '../../helpers/photos';
import { createTestDb, describeEngines, Engine, TestDb } from '../../helpers/testDb';
import { APP_SECRET, GRAPH, PHONE_ID, readableSent, SentMessage, VERIFY_TOKEN } from './cloudHarness';
import { FakeWebJsClient } from '../../helpers/fakeWebJsClient';

const MOBILE = '3001112233';
const NEW_PASSWORD = 'Mi perro se llama Lupe';

/** One user on one channel: says text, picks an option by its title, sends a PDF; returns what the bot answered. */
interface ChannelUser {
  say(text: string): Promise<string>;
  choose(title: string): Promise<string>;
  sendPdf(pdf: Buffer, filename: string): Promise<string>;
  /** Sends a photo as WhatsApp sends one from the camera: an image message, without a file name. */
  sendPhoto(jpeg: Buffer): Promise<string>;
}

interface World {
  app: App;
  db: TestDb;
  baseUrl: string;
  close(): Promise<void>;
}

async function startApp(client: FakeWebJsClient, engine: Engine): Promise<World> {
  const db = await createTestDb({ engine });
  const dir = await mkdtemp(path.join(tmpdir(), 'wa-journey-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.databaseUrl,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    SESSION_SECRET: 'test-secret-for-oficina-virtual-0123456789',
    AGENT_HOURS: 'always',
    WHATSAPP_WEBJS: 'on',
    WHATSAPP_CLOUD_TOKEN: 'EAAtesttoken',
    WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
  });
  const app = await createApp({ config, knex: db.knex, logger: silentLogger, clock: fixedClock('2026-11-27T15:00:00Z'), whatsappWebClient: client });
  const baseUrl = await app.start(0);
  return {
    app,
    db,
    baseUrl,
    async close() {
      await app.stop();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function webJsUser(client: FakeWebJsClient): ChannelUser {
  const chat = '573001112233@c.us';
  let last = '';
  const replies = () => {
    const taken = client.takeSent();
    expect(taken.filter((s) => s.chatId !== chat)).toEqual([]);
    last = taken.map((s) => ('text' in s ? s.text : `[archivo ${s.file.filename}]`)).join('\n---\n');
    return last;
  };
  return {
    async say(text) {
      await client.receive({ from: chat, body: text });
      return replies();
    },
    async choose(title) {
      // WhatsApp Web shows "1. Registrarme": answer with the number, as people do.
      const line = last.split('\n').find((l) => new RegExp(`^\\d+\\. ${escape(title)}`).test(l));
      if (!line) throw new Error(`no option "${title}" in:\n${last}`);
      return this.say(line.split('.')[0]);
    },
    async sendPdf(pdf, filename) {
      await client.receive({
        from: chat,
        type: 'document',
        hasMedia: true,
        downloadMedia: async () => ({ mimetype: 'application/pdf', data: pdf.toString('base64'), filename, filesize: pdf.length }),
      });
      return replies();
    },
    async sendPhoto(jpeg) {
      await client.receive({
        from: chat,
        type: 'image',
        hasMedia: true,
        downloadMedia: async () => ({ mimetype: 'image/jpeg', data: jpeg.toString('base64'), filesize: jpeg.length }),
      });
      return replies();
    },
  };
}

function cloudUser(world: World, sent: SentMessage[]): ChannelUser {
  const waId = '573001112233';
  let next = 1;
  let lastInteractive: SentMessage | undefined;
  const post = async (message: Record<string, unknown>): Promise<string> => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID }, contacts: [{ profile: { name: 'María' }, wa_id: waId }], messages: [{ from: waId, id: `wamid.J${next++}`, timestamp: '1795791600', ...message }] } }] }],
    });
    const response = await fetch(`${world.baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signatureFor(body, APP_SECRET) },
      body,
    });
    expect(response.status).toBe(200);
    await world.app.tasks.find((task) => task.name === 'whatsapp-cloud')!.stop(); // waits for the inbox worker
    const replies = sent.splice(0);
    lastInteractive = replies.filter((m) => m.type === 'interactive').at(-1) ?? lastInteractive;
    return replies.map(readableSent).join('\n---\n');
  };
  return {
    say: (text) => post({ type: 'text', text: { body: text } }),
    async choose(title) {
      // The Cloud API shows a list or buttons: tap the one with that title.
      const interactive = lastInteractive?.interactive as
        | { type: string; action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string; description?: string }[] }[] } }
        | undefined;
      const buttons = interactive?.action.buttons?.map((b) => b.reply) ?? [];
      const rows = interactive?.action.sections?.flatMap((s) => s.rows) ?? [];
      const button = buttons.find((b) => b.title === title);
      if (button) return post({ type: 'interactive', interactive: { type: 'button_reply', button_reply: button } });
      // Long titles are cut in the row and shown whole in its description.
      const row = rows.find((r) => r.title === title || (r.description ?? '').startsWith(title));
      if (row) return post({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: row.id, title: row.title } } });
      return this.say(title);
    },
    async sendPdf(pdf, filename) {
      const sha = createHash('sha256').update(pdf).digest('hex');
      nock(GRAPH).get('/v21.0/1003383421387256').query(true).reply(200, { url: 'https://lookaside.fbsbx.com/media/1', mime_type: 'application/pdf', sha256: sha, file_size: pdf.length });
      nock('https://lookaside.fbsbx.com').get('/media/1').reply(200, pdf);
      return post({ type: 'document', document: { id: '1003383421387256', filename, mime_type: 'application/pdf', sha256: sha } });
    },
    async sendPhoto(jpeg) {
      const sha = createHash('sha256').update(jpeg).digest('hex');
      nock(GRAPH).get('/v21.0/1003383421387299').query(true).reply(200, { url: 'https://lookaside.fbsbx.com/media/2', mime_type: 'image/jpeg', sha256: sha, file_size: jpeg.length });
      nock('https://lookaside.fbsbx.com').get('/media/2').reply(200, jpeg);
      return post({ type: 'image', image: { id: '1003383421387299', mime_type: 'image/jpeg', sha256: sha } });
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function journey(world: World, user: ChannelUser): Promise<string[]> {
  const transcript: string[] = [];
  const step = async (label: string, action: Promise<string>, expected: RegExp) => {
    const replies = await action;
    transcript.push(`> ${label}\n${replies}`);
    expect(replies, transcript.join('\n\n')).toMatch(expected);
    return replies;
  };
  await step('hola', user.say('hola'), /Registrarme/);
  await step('[Registrarme]', user.choose('Registrarme'), /tipo de documento/);
  await step('CC 1045678901', user.say('CC 1045678901'), /celular/i);
  await step(MOBILE, user.say(MOBILE), /expidió/);
  await step('14/03/2008', user.say('14/03/2008'), /Autorizas el tratamiento/);
  // Straight to the password the SMS brings: the document is not asked again.
  await step('[Sí, acepto]', user.say('sí, acepto'), /2233[\s\S]*Escribe tu contraseña/);
  const [sms] = await world.app.repositories.outbox.list({ kind: 'sms', recipient: MOBILE });
  const temporary = /Contraseña temporal: (\S+)/.exec(sms.body)![1];

  await step('(temporary password)', user.say(temporary), /nueva contraseña/i);
  await step('(new password)', user.say(NEW_PASSWORD), /Confirmas que leíste/);
  await step('sí', user.say('sí'), /Solicitar autorización/);

  await step('[Solicitar autorización]', user.choose('Solicitar autorización'), /¿Para quién es el trámite\?/);
  await step('[María Fernanda]', user.choose('María Fernanda Pérez Gómez'), /datos de contacto de María Fernanda Pérez Gómez/);
  await step('[Sí, están correctos]', user.choose('Sí, están correctos'), /El municipio de residencia es Barranquilla \(Atlántico\)/);
  await step('[Sí]', user.choose('Sí'), /qué necesitas que autoricemos/);
  await step('observation', user.say('Resonancia magnética de rodilla ordenada por ortopedia.'), /adjunta los soportes/);
  await step('(PDF)', user.sendPdf(await smallPdf(), 'orden-medica.pdf'), /Recibí "orden-medica\.pdf"/);
  await step('(photo)', user.sendPhoto(await phonePhoto()), new RegExp(escape(t.photoAccepted(2))));
  await step('listo', user.say('listo'), /Soportes \(2\): orden-medica\.pdf, foto\.pdf[\s\S]*Enviamos la solicitud/);
  await step('[Enviar solicitud]', user.choose('Enviar solicitud'), /Número de radicado/);
  return transcript;
}

/** What the journey left behind: the request filed for María with her PDF, and its number sent by SMS. */
async function expectFiled(world: World, transcript: string[]): Promise<void> {
  // The demo set holds AUT-2026-000001…000005, and each journey has a database of its own.
  const number = 'AUT-2026-000006';
  expect(transcript.at(-1), transcript.join('\n\n')).toContain(number);
  const request = await world.app.repositories.authorizationRequests.findByFilingNumber(number);
  expect(request).toMatchObject({ affiliateId: DEMO_IDS.mariaFernanda, municipalityCode: '08001' });
  const [attachment, photo] = await world.app.repositories.authorizationRequests.listAttachments(request!.id);
  const pdf = await smallPdf();
  expect(attachment).toMatchObject({ originalName: 'orden-medica.pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
  // The photo was kept as an upright PDF without its metadata (GPS, camera, date): read from UPLOAD_DIR.
  const kept = await readFile(path.join(world.app.config.uploadDir, photo.storedName));
  expect(photo).toMatchObject({ originalName: 'foto.pdf', sizeBytes: kept.length, sha256: createHash('sha256').update(kept).digest('hex') });
  expect(await photoPdfFacts(kept)).toEqual(UPRIGHT_CLEAN_PHOTO_PDF);
  const sms = await world.app.repositories.outbox.list({ kind: 'sms', recipient: MOBILE });
  expect(sms.some((m) => m.body.includes(number))).toBe(true);
}

describeEngines('a whole conversation through each WhatsApp channel', (engine) => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('whatsapp-web.js: registration to a filed authorization request, options answered by number', async () => {
    const client = new FakeWebJsClient();
    world = await startApp(client, engine);
    const transcript = await journey(world, webJsUser(client));
    await expectFiled(world, transcript);
  }, 60_000);

  it('Cloud API: the same journey, options tapped in lists and buttons, the PDF fetched by media id', async () => {
    world = await startApp(new FakeWebJsClient(), engine);
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
    const sent: SentMessage[] = [];
    const recipients = new Set<string>();
    nock(GRAPH)
      .persist()
      .post(`/v21.0/${PHONE_ID}/messages`)
      .reply(200, (_uri, body) => {
        sent.push(body as SentMessage);
        recipients.add((body as SentMessage).to);
        return { messages: [{ id: `wamid.OUT${recipients.size}${sent.length}` }] };
      });
    const transcript = await journey(world, cloudUser(world, sent));
    await expectFiled(world, transcript);
    expect(recipients).toEqual(new Set(['573001112233']));
    // The menu, the family members and the yes/no questions went out as lists and buttons, not as text.
    expect(transcript.join('\n')).toMatch(/\[list\] Registrarme \|[\s\S]*\[list\] María Fernanda[\s\S]*\[button\] Sí, están correctos/);
  }, 60_000);
});
