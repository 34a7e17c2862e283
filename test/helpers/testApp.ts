// The real application (src/app.ts) on a temporary seeded database, served on an ephemeral port:
// what these tests exercise is what `npm start` serves.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, createApp } from '../../src/app';
import type { WhatsAppWebClient } from '../../src/channels/whatsapp/webjsPort';
import { loadConfig } from '../../src/config';
import { createMemoryLogger } from '../../src/observability/logger';
import { FixedClock, fixedClock } from './clock';
import { createTestDb, Engine, TestDb } from './testDb';

export interface TestApp {
  app: App;
  db: TestDb;
  clock: FixedClock;
  baseUrl: string;
  logs: string[];
  close(): Promise<void>;
}

export async function startTestApp(
  options: { engine?: Engine; clock?: FixedClock; env?: Record<string, string>; whatsappWebClient?: WhatsAppWebClient } = {},
): Promise<TestApp> {
  const db = await createTestDb({ engine: options.engine });
  const dir = await mkdtemp(path.join(tmpdir(), 'oficina-app-'));
  const clock = options.clock ?? fixedClock('2026-11-27T15:00:00.000Z');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.databaseUrl,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    SESSION_SECRET: 'test-secret-for-oficina-virtual-0123456789',
    AGENT_HOURS: 'always',
    ...options.env,
  });
  const logger = createMemoryLogger();
  const app = await createApp({ config, clock, logger, knex: db.knex, whatsappWebClient: options.whatsappWebClient });
  const baseUrl = await app.start(0);
  return {
    app,
    db,
    clock,
    baseUrl,
    logs: logger.lines,
    async close() {
      await app.stop();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface DirectLineActivity {
  type: string;
  text?: string;
  from: { id: string };
  suggestedActions?: { actions: { title: string }[] };
  attachments?: { contentType: string; contentUrl?: string; name?: string }[];
}

/** A web chat user talking to the app over our Direct Line endpoints, as Web Chat does (polling). */
export class WebChatUser {
  private watermark = '';
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    readonly conversationId: string,
  ) {}

  static async open(baseUrl: string): Promise<{ user: WebChatUser; greeting: string[] }> {
    const ticketResponse = await fetch(`${baseUrl}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const ticket = (await ticketResponse.json()) as { token: string; conversationId: string };
    const start = await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${ticket.token}` } });
    if (start.status !== 201 && start.status !== 200) throw new Error(`start conversation: ${start.status}`);
    const user = new WebChatUser(baseUrl, ticket.token, ticket.conversationId);
    return { user, greeting: await user.read() };
  }

  /** Sends a message and returns what the bot answered to it, as the user reads it. */
  async say(text: string): Promise<string[]> {
    const response = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'ignored-by-server' } }),
    });
    if (!response.ok) throw new Error(`post activity: ${response.status} ${await response.text()}`);
    return this.read();
  }

  /** The whole conversation as any client of it reads it again (a reload, a polling client): every activity. */
  async history(): Promise<DirectLineActivity[]> {
    const response = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities?watermark=0`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    return ((await response.json()) as { activities: DirectLineActivity[] }).activities;
  }

  /** Everything the bot said since the last read (the user's own echoes left out). */
  async read(): Promise<string[]> {
    const response = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const page = (await response.json()) as { activities: DirectLineActivity[]; watermark: string };
    this.watermark = page.watermark;
    return page.activities
      .filter((a) => a.type === 'message' && a.from.id === 'oficina-virtual')
      .map((a) => [a.text ?? '', ...(a.suggestedActions?.actions ?? []).map((o) => o.title), ...(a.attachments ?? []).map((f) => `[archivo ${f.contentType} ${f.name ?? ''}]`)].filter(Boolean).join('\n'));
  }
}
