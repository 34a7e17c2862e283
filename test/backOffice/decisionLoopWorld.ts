// The app npm start builds, with the whatsapp-web.js fake and the Cloud API on nock, for the decision
// loop: the affiliate talks on a channel, the EPS decides, the outbox delivers, the affiliate reads it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { App, createApp } from '../../src/app';
import { signatureFor } from '../../src/channels/whatsapp/cloudWebhook';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/observability/logger';
import type { OutboxWorker } from '../../src/services/notifications/outboxWorker';
import { APP_SECRET, GRAPH, PHONE_ID, SentMessage, VERIFY_TOKEN } from '../channels/whatsapp/cloudHarness';
import { FakeWebJsClient } from '../helpers/fakeWebJsClient';
import { FixedClock, fixedClock } from '../helpers/clock';
import { createTestDb, Engine, TestDb } from '../helpers/testDb';

export const ANA_WA = '573001112236';
export const APPROVED_TEMPLATE = 'solicitud_aprobada';
export const PQRDS_TEMPLATE = 'pqrds_respondida';

export interface DecisionWorld {
  app: App;
  db: TestDb;
  clock: FixedClock;
  baseUrl: string;
  webjs: FakeWebJsClient;
  /** Every message the app sent through the Cloud API (nock). */
  cloudSent: SentMessage[];
  /** One outbox round, as the background worker would run it. */
  deliver(): Promise<void>;
  close(): Promise<void>;
}

export async function startDecisionWorld(engine?: Engine): Promise<DecisionWorld> {
  const db = await createTestDb({ engine });
  const dir = await mkdtemp(path.join(tmpdir(), 'bo-loop-'));
  const clock = fixedClock('2026-11-27T15:00:00.000Z');
  const webjs = new FakeWebJsClient();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.databaseUrl,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    PUBLIC_URL: 'http://localhost:3978',
    SESSION_SECRET: 'test-secret-for-oficina-virtual-0123456789',
    AGENT_HOURS: 'always',
    WHATSAPP_WEBJS: 'on',
    WHATSAPP_CLOUD_TOKEN: 'EAAtesttoken',
    WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
    WHATSAPP_CLOUD_TEMPLATE_REQUEST_APPROVED: APPROVED_TEMPLATE,
    WHATSAPP_CLOUD_TEMPLATE_PQRDS_ANSWERED: PQRDS_TEMPLATE,
    WHATSAPP_CLOUD_TEMPLATE_LANG: 'es_CO',
    EPS_NAME: 'EPS Caribe Salud',
    EPS_NIT: '900123456-7',
  });
  const app = await createApp({ config, knex: db.knex, logger: silentLogger, clock, whatsappWebClient: webjs });
  const baseUrl = await app.start(0);
  const outbox = app.tasks.find((t) => t.name === 'outbox') as OutboxWorker;
  // The test runs the rounds itself, so it knows when a notice has gone out.
  await outbox.stop();
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
  const cloudSent: SentMessage[] = [];
  nock(GRAPH)
    .persist()
    .post(`/v21.0/${PHONE_ID}/messages`)
    .reply(200, (_uri, body) => {
      cloudSent.push(body as SentMessage);
      return { messaging_product: 'whatsapp', messages: [{ id: `wamid.OUT${cloudSent.length}` }] };
    });
  nock(GRAPH).persist().post(`/v21.0/${PHONE_ID}/media`).reply(200, { id: 'media-1' });
  return {
    app,
    db,
    clock,
    baseUrl,
    webjs,
    cloudSent,
    async deliver() {
      await outbox.runOnce();
    },
    async close() {
      await app.stop();
      await db.close();
      nock.cleanAll();
      nock.enableNetConnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Ana Milena writing through the Cloud API webhook; resolves once the bot has answered. */
export function cloudAna(world: DecisionWorld) {
  let next = 1;
  return async (text: string): Promise<void> => {
    const timestamp = String(Math.floor(world.clock.now().getTime() / 1000));
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID }, contacts: [{ profile: { name: 'Ana' }, wa_id: ANA_WA }], messages: [{ from: ANA_WA, id: `wamid.ANA${world.clock.now().getTime()}${next++}`, timestamp, type: 'text', text: { body: text } }] } }] }],
    });
    const response = await fetch(`${world.baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signatureFor(body, APP_SECRET) },
      body,
    });
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    await world.app.tasks.find((task) => task.name === 'whatsapp-cloud')!.stop(); // waits for the inbox worker
  };
}
