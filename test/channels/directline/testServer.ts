// The real server (createServer + our Direct Line) on an ephemeral port, running the real bot core
// (OficinaBot + MainDialog on MemoryStorage) with a recorder that keeps what the bot received. The Direct
// Line log is the real one, on a SQLite database of its own.
import { Activity, ConversationState, MemoryStorage, TurnContext } from 'botbuilder';
import { Dialog } from 'botbuilder-dialogs';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MainDialog } from '../../../dialogs/mainDialog';
import { ConversationAccessors } from '../../../src/bot/conversationData';
import { OficinaBot } from '../../../src/bot/oficinaBot';
import { createTurnErrorHandler } from '../../../src/bot/turnErrorHandler';
import { DirectLineChannel } from '../../../src/channels/directline/directLineChannel';
import type { DirectLineLimits } from '../../../src/channels/directline/directLineLimits';
import { DEFAULT_STORE_BUDGET, StoreBudget } from '../../../src/channels/directline/directLineStore';
import { ChannelRegistry } from '../../../src/channels/channelRegistry';
import { createMemoryLogger } from '../../../src/observability/logger';
import { AppServer, createServer } from '../../../src/server/createServer';
import { KnexDirectLineStore } from '../../../src/storage/repositories/knexDirectLineStore';
import { KnexDownloadFileStore } from '../../../src/storage/repositories/knexDownloadFileStore';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { createTestDb } from '../../helpers/testDb';
import { FixedClock, fixedClock } from '../../helpers/clock';
import { withTimeout } from '../../helpers/wait';

export interface TestServer {
  url: string;
  server: AppServer;
  channel: DirectLineChannel;
  registry: ChannelRegistry;
  stagedFiles: StagedFileStore;
  /** The staged store's directory (to check nothing is left behind). */
  stagedDir: string;
  clock: FixedClock;
  logger: ReturnType<typeof createMemoryLogger>;
  /** Every activity the bot received, in order (the bot's side of the wire). */
  received: Activity[];
  /** Resolves when the bot has received an activity matching the predicate. */
  botReceives(predicate: (activity: Activity) => boolean): Promise<Activity>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    maxUploadBytes?: number;
    ready?: () => Promise<boolean>;
    startAt?: string;
    features?: Dialog[];
    limits?: Partial<DirectLineLimits>;
    /** The Direct Line log's budget (default: the production one). */
    budget?: StoreBudget;
    /** Default: every upload is expected (these tests are about the transport; the app's gate has its own). */
    uploadWindow?: (conversationId: string) => Promise<'dialog' | 'agent' | undefined>;
  } = {},
): Promise<TestServer> {
  // A clock that moves only when told; browser tests start it at the real time so Web Chat shows "Ahora".
  const clock = fixedClock(options.startAt ?? '2026-11-27T15:00:00Z');
  const logger = createMemoryLogger();
  const conversationState = new ConversationState(new MemoryStorage());
  const accessors: ConversationAccessors = {
    dialogState: conversationState.createProperty('dialogState'),
    session: conversationState.createProperty('session'),
  };
  const bot = new OficinaBot(conversationState, accessors, new MainDialog({ clock, session: accessors.session, features: options.features ?? [] }));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dl-test-'));
  const stagedFiles = new StagedFileStore(dir);
  const registry = new ChannelRegistry();
  const db = await createTestDb({ seed: 'none' });
  let url = '';
  const channel = new DirectLineChannel({
    bot,
    tokenSecret: 'test-secret-test-secret-test-secret-0123',
    publicUrl: () => url,
    stagedFiles,
    clock,
    logger,
    registry,
    maxUploadBytes: options.maxUploadBytes,
    limits: options.limits,
    store: new KnexDirectLineStore(db.knex, clock, options.budget ?? DEFAULT_STORE_BUDGET),
    files: new KnexDownloadFileStore(db.knex),
    uploadWindow: options.uploadWindow ?? (async () => 'dialog'),
  });
  channel.adapter.onTurnError = createTurnErrorHandler({
    logger,
    dialogState: accessors.dialogState,
    saveState: (context) => conversationState.saveChanges(context, true),
  });

  const received: Activity[] = [];
  const waiters: { predicate: (a: Activity) => boolean; resolve: (a: Activity) => void }[] = [];
  channel.adapter.use({
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      received.push(context.activity);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(context.activity)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(context.activity);
        }
      }
      await next();
    },
  });

  const server = createServer({ logger, ready: options.ready ?? (async () => true), directLine: channel, publicUrl: () => url });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    server,
    channel,
    registry,
    stagedFiles,
    stagedDir: dir,
    clock,
    logger,
    received,
    botReceives: (predicate) => {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return withTimeout(new Promise((resolve) => waiters.push({ predicate, resolve })), 'the bot to receive the expected activity');
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
      await db.close();
    },
  };
}
