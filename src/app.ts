// The composition root: config → knex → repositories → services → dialogs → bot → channels → server.
// The only place (with src/composition/, one file per area) that creates concrete classes. `src/index.ts`
// runs it; tests build the same app on a temporary database, so what they exercise is what `npm start` serves.
import path from 'node:path';
import type { Knex } from 'knex';
import type { Middleware } from 'botbuilder';
import { MainDialog } from '../dialogs/mainDialog';
import { BotFrameworkChannel } from './channels/botframework/botFrameworkChannel';
import { DirectLineChannel } from './channels/directline/directLineChannel';
import type { WhatsAppWebClient } from './channels/whatsapp/webjsPort';
import { ChannelRegistry } from './channels/registry';
import { ConversationAccessors } from './bot/conversationData';
import { OficinaBot } from './bot/oficinaBot';
import { createTurnErrorHandler } from './bot/turnErrorHandler';
import { SerializeTurnsMiddleware } from './bot/turnQueue';
import { wireAuthorizationRequests } from './composition/authorizationRequests';
import { AppContext, BackgroundTask } from './composition/context';
import { wireHandoff } from './composition/handoff';
import { wireIdentity } from './composition/identity';
import { wireSelfService } from './composition/selfService';
import { trainIntentClassifier } from './composition/understanding';
import { wireWhatsApp } from './composition/whatsapp';
import { Config } from './config';
import { Clock, systemClock } from './domain/clock';
import { Logger, createLogger } from './observability/logger';
import { AppServer, createServer } from './server/createServer';
import { PeriodicTask } from './services/periodicTask';
import { Repositories } from './services/ports/repositories';
import { createKnex } from './storage/knex';
import { KnexStorage } from './storage/knexStorage';
import { migrateLatest } from './storage/migrate';
import { OptimisticConversationState } from './storage/optimisticConversationState';
import { createRepositories } from './storage/repositories';
import { seedIfEmpty } from './storage/seeds';
import { StagedFileStore } from './storage/stagedFiles';

export type { BackgroundTask } from './composition/context';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Seed reference and demo data into an empty database (default: true outside production). */
  seedDemo?: boolean;
  /** Tests pass an existing, already migrated knex (shared test database). */
  knex?: Knex;
  /** Tests pass a fake whatsapp-web.js client (the real one needs a linked phone and Chromium). */
  whatsappWebClient?: WhatsAppWebClient;
  /** `npm run whatsapp -- --pairing-phone=573001112233`: link with a code typed on the phone instead of the QR. */
  whatsappPairingPhone?: string;
}

export interface App {
  config: Config;
  clock: Clock;
  logger: Logger;
  knex: Knex;
  repositories: Repositories;
  stagedFiles: StagedFileStore;
  conversationState: OptimisticConversationState;
  accessors: ConversationAccessors;
  bot: OficinaBot;
  registry: ChannelRegistry;
  /** Applied to every channel adapter, in this order. */
  middleware: Middleware[];
  directLine: DirectLineChannel;
  botFramework: BotFrameworkChannel;
  server: AppServer;
  tasks: BackgroundTask[];
  /** Listens on config.port (0 for an ephemeral port) and starts background tasks; resolves with the URL. */
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: config.env === 'test' ? 'warn' : 'info' });

  // Storage
  const knex = options.knex ?? createKnex(config.databaseUrl);
  if (!options.knex) {
    const applied = await migrateLatest(knex);
    if (applied.length > 0) logger.info('db.migrated', { count: applied.length });
    const seeded = await seedIfEmpty(knex, { demo: options.seedDemo ?? config.env !== 'production' });
    if (seeded) logger.info('db.seeded', { demo: options.seedDemo ?? config.env !== 'production' });
  }
  const repositories = createRepositories(knex);
  const stagedFiles = new StagedFileStore(path.join(config.uploadDir, '.staging'));
  const STAGED_MAX_AGE_MS = 24 * 60 * 60_000;

  // Bot state
  const conversationState = new OptimisticConversationState(new KnexStorage(knex));
  const accessors: ConversationAccessors = {
    dialogState: conversationState.createProperty('dialogState'),
    session: conversationState.createProperty('session'),
  };
  const ctx: AppContext = {
    config,
    clock,
    logger,
    knex,
    repositories,
    stagedFiles,
    accessors,
    registry: new ChannelRegistry(),
    features: [],
    tasks: [],
    routes: [],
    middleware: [],
  };
  const { registry, tasks, routes, middleware } = ctx;
  // Files of conversations that stopped mid-flow (no "listo", no "cancelar") are deleted after a day.
  tasks.push(new PeriodicTask('staged-files-sweep', 60 * 60_000, () => stagedFiles.sweep(clock.now(), STAGED_MAX_AGE_MS), logger));

  // Features, one area each (src/composition/).
  const handoff = wireHandoff(ctx);
  const identity = wireIdentity(ctx);
  const family = wireAuthorizationRequests(ctx);
  wireSelfService(ctx, family, identity);

  const intents = await trainIntentClassifier(logger);
  const mainDialog = new MainDialog({ clock, session: accessors.session, features: ctx.features, handoff: handoff.starter, intents });
  await handoff.attach(mainDialog, conversationState);
  const bot = new OficinaBot(conversationState, accessors, mainDialog);
  const onTurnError = createTurnErrorHandler({
    logger,
    dialogState: accessors.dialogState,
    saveState: (context) => conversationState.saveChanges(context, true),
  });

  // Channels: one turn queue for all of them, so a conversation never runs two turns at once.
  const turnSerializer = new SerializeTurnsMiddleware();
  const directLine = new DirectLineChannel({
    bot,
    tokenSecret: config.sessionSecret,
    publicUrl: config.publicUrl,
    stagedFiles,
    clock,
    logger: logger.child({ channel: 'webchat' }),
    registry,
    turnSerializer,
  });
  const botFramework = new BotFrameworkChannel({
    appId: config.botFramework.appId,
    appPassword: config.botFramework.appPassword,
    logger: logger.child({ channel: 'botframework' }),
    turnSerializer,
  });
  botFramework.registerIn(registry, ['emulator', 'msteams', 'directline']);
  for (const adapter of [directLine.adapter, botFramework]) {
    for (const m of middleware) adapter.use(m);
    adapter.onTurnError = onTurnError;
  }
  wireWhatsApp(ctx, { bot, onTurnError, turnSerializer, webClient: options.whatsappWebClient, pairingPhoneNumber: options.whatsappPairingPhone });

  const server = createServer({
    logger,
    ready: async () => {
      await knex.raw('select 1');
      return true;
    },
    directLine,
    botFramework: botFramework.handler(bot),
    routes,
    publicUrl: config.publicUrl,
  });

  let listening = false;
  const app: App = {
    config,
    clock,
    logger,
    knex,
    repositories,
    stagedFiles,
    conversationState,
    accessors,
    bot,
    registry,
    middleware,
    directLine,
    botFramework,
    server,
    tasks,
    async start(port = config.port) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve());
      });
      listening = true;
      for (const task of tasks) await task.start();
      const address = server.address();
      return `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
    },
    async stop() {
      for (const task of [...tasks].reverse()) await task.stop();
      if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      listening = false;
      if (!options.knex) await knex.destroy();
    },
  };
  return app;
}
