// The Cloud API channel assembled for tests: the webhook on a real restify server (ephemeral port), the
// inbox, the worker, the adapter with the real Graph client, and nock standing in for graph.facebook.com
// (every message we send is recorded in `sent`).
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import restify from 'restify';
import { Dialog } from 'botbuilder-dialogs';
import { ConversationAccessors } from '../../../src/bot/conversationData';
import { createTurnErrorHandler } from '../../../src/bot/turnErrorHandler';
import { CloudInboxWorker } from '../../../src/channels/whatsapp/cloudInboxWorker';
import { MemoryWhatsAppCloudStore, WhatsAppCloudStore } from '../../../src/channels/whatsapp/cloudStore';
import { signatureFor, registerWhatsAppCloudRoutes } from '../../../src/channels/whatsapp/cloudWebhook';
import { WhatsAppCloudAdapter } from '../../../src/channels/whatsapp/cloudAdapter';
import { TurnRunner } from '../../../src/channels/whatsapp/whatsAppAdapter';
import { WhatsAppCloudClient } from '../../../src/integrations/whatsappCloud/graphClient';
import { Logger, silentLogger } from '../../../src/observability/logger';
import { fixedClock } from '../../helpers/clock';
import { createTestBot, fixturePath, tempStagedStore } from './fakes';

export const GRAPH = 'https://graph.facebook.com';
export const PHONE_ID = '106540352242922';
export const APP_SECRET = 'test-app-secret';
export const VERIFY_TOKEN = 'test-verify-token';
export const USER = '573001112233';

export type SentMessage = Record<string, unknown> & { to: string; type: string };

export interface CloudHarnessOptions {
  /** A bot of the test's own; default: the real OficinaBot + MainDialog. */
  bot?: TurnRunner;
  featureFactory?: (accessors: ConversationAccessors) => Dialog[];
  store?: WhatsAppCloudStore;
  logger?: Logger;
  maxBodyBytes?: number;
}

export async function createCloudHarness(options: CloudHarnessOptions = {}) {
  const clock = fixedClock('2026-11-27T15:00:30Z');
  const store = options.store ?? new MemoryWhatsAppCloudStore();
  const logger = options.logger ?? silentLogger;
  const staged = await tempStagedStore();
  const client = new WhatsAppCloudClient({ apiUrl: `${GRAPH}/v21.0`, token: 'EAAtesttoken', phoneNumberId: PHONE_ID });
  const testBot = createTestBot(clock, options.featureFactory);
  const adapter = new WhatsAppCloudAdapter({ client, store, bot: options.bot ?? testBot.bot, files: staged.store, clock, logger });
  adapter.onTurnError = createTurnErrorHandler({
    logger,
    dialogState: testBot.accessors.dialogState,
    saveState: (context) => testBot.conversationState.saveChanges(context, true),
  });
  const worker = new CloudInboxWorker({ store, process: (entry) => adapter.processEntry(entry), clock, logger });

  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerWhatsAppCloudRoutes(server, {
    verifyToken: VERIFY_TOKEN,
    appSecret: APP_SECRET,
    phoneNumberId: PHONE_ID,
    store,
    onStored: () => worker.kick(),
    clock,
    logger,
    maxBodyBytes: options.maxBodyBytes,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const sent: SentMessage[] = [];
  const uploads: string[] = [];
  nock(GRAPH)
    .persist()
    .post(`/v21.0/${PHONE_ID}/messages`)
    .reply(200, (_uri, body) => {
      sent.push(body as SentMessage);
      return { messaging_product: 'whatsapp', contacts: [{ input: USER, wa_id: USER }], messages: [{ id: `wamid.OUT${sent.length}` }] };
    });
  nock(GRAPH)
    .persist()
    .post(`/v21.0/${PHONE_ID}/media`)
    .reply(200, (_uri, body) => {
      // nock hands over non-UTF-8 bodies (a PDF inside multipart) as hex.
      const text = String(body);
      uploads.push(/^[0-9a-f]+$/.test(text) ? Buffer.from(text, 'hex').toString('latin1') : text);
      return { id: `media-${uploads.length}` };
    });

  /** POSTs a webhook body, signed unless told otherwise; resolves with the HTTP response. */
  async function post(body: unknown, init: { signature?: string | null; headers?: Record<string, string> } = {}) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
    const signature = init.signature === undefined ? signatureFor(raw, APP_SECRET) : init.signature;
    if (signature !== null) headers['X-Hub-Signature-256'] = signature;
    return fetch(`${base}/webhooks/whatsapp`, { method: 'POST', headers, body: raw });
  }

  /** POSTs and waits until the inbox worker has answered everything. */
  async function deliver(body: unknown): Promise<Response> {
    const response = await post(body);
    await worker.drain();
    return response;
  }

  return {
    clock,
    store,
    staged,
    client,
    adapter,
    worker,
    testBot,
    base,
    sent,
    uploads,
    post,
    deliver,
    /** Texts (and interactive bodies) sent so far, then forgets them. */
    take(): SentMessage[] {
      return sent.splice(0);
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      nock.cleanAll();
      nock.enableNetConnect();
      await staged.cleanup();
    },
  };
}

export type CloudHarness = Awaited<ReturnType<typeof createCloudHarness>>;

export async function fixture(name: string, replace: Record<string, string> = {}): Promise<Record<string, unknown>> {
  let text = await readFile(fixturePath(`cloud/${name}.json`), 'utf8');
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A text message payload from a user, as Meta sends it. */
export function textPayload(id: string, body: string, from = USER, timestamp = '1795791600') {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID },
              contacts: [{ profile: { name: 'Usuario' }, wa_id: from }],
              messages: [{ from, id, timestamp, type: 'text', text: { body } }],
            },
          },
        ],
      },
    ],
  };
}

/** What the user reads in a sent message: the text body, or an interactive body with its options. */
export function readableSent(message: SentMessage): string {
  if (message.type === 'text') return (message.text as { body: string }).body;
  if (message.type === 'interactive') {
    const interactive = message.interactive as {
      type: string;
      body: { text: string };
      action: { buttons?: { reply: { title: string } }[]; sections?: { rows: { title: string }[] }[] };
    };
    const options = interactive.action.buttons?.map((b) => b.reply.title) ?? interactive.action.sections?.flatMap((s) => s.rows.map((r) => r.title)) ?? [];
    return `${interactive.body.text}\n[${interactive.type}] ${options.join(' | ')}`;
  }
  return `[${message.type}]`;
}
