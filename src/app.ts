// The composition root: config → knex → repositories → services → dialogs → bot → channels → server.
// The only place (with src/composition/, one file per area) that creates concrete classes. `src/index.ts`
// runs it; tests build the same app on a temporary database, so what they exercise is what `npm start` serves.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Middleware } from 'botbuilder';
import { backOfficeShortcuts } from '../dialogs/backOffice/shortcuts';
import { MainDialog } from '../dialogs/mainDialog';
import { BotFrameworkChannel } from './channels/botframework/botFrameworkChannel';
import { attachPipeline } from './channels/inProcessAdapter';
import { DirectLineChannel } from './channels/directline/directLineChannel';
import { DEFAULT_STORE_BUDGET } from './channels/directline/directLineStore';
import { SignalledActivityRelay } from './channels/directline/signalledActivityRelay';
import type { DirectLineLimits } from './channels/directline/directLineLimits';
import type { WhatsAppWebClient } from './channels/whatsapp/webjsPort';
import { ChannelRegistry } from './channels/channelRegistry';
import { ConversationAccessors } from './bot/conversationData';
import { OficinaBot } from './bot/oficinaBot';
import { fileWaitReader } from './bot/awaitingFile';
import { createTurnErrorHandler } from './bot/turnErrorHandler';
import { SerializeTurnsMiddleware } from './bot/turnQueue';
import { TurnPreloadMiddleware } from './bot/turnPreloadMiddleware';
import { TurnWritesMiddleware } from './bot/turnWritesMiddleware';
import { wireAuthorizationRequests } from './composition/authorizationRequests';
import { BackOfficeWiring, wireBackOffice } from './composition/backOffice';
import { AppInfrastructure, BackgroundTask, combineWirings, wiring } from './composition/context';
import { stagedFilesSweep, uploadWindow } from './composition/uploads';
import { wireHandoff } from './composition/handoff';
import { wireIdentity } from './composition/identity';
import { wireAffiliateFeed } from './composition/affiliateFeed';
import { wireIntegrationApi } from './composition/integrationApi';
import { wireWebhooks } from './composition/webhooks';
import { wireRetention } from './composition/retention';
import { wireSelfService } from './composition/selfService';
import { UploadServices, wireUploadChecks } from './composition/uploadChecks';
import { trainIntentClassifier } from './composition/understanding';
import { wireWhatsApp } from './composition/whatsapp';
import { Config } from './config';
import { Clock, systemClock } from './domain/clock';
import { Logger, configurePseudonymKey, createLogger } from './observability/logger';
import { configureClientAddress } from './server/clientAddress';
import { AppServer, createServer } from './server/createServer';
import type { IntegrationApi } from './server/integrationApi/integrationApi';
import { createKnex, createReadKnex, databaseKind } from './storage/knex';
import { KnexStorage } from './storage/knexStorage';
import { KnexDirectLineStore } from './storage/repositories/knexDirectLineStore';
import { KnexDownloadFileStore } from './storage/repositories/knexDownloadFileStore';
import { KnexTurnBatch } from './storage/knexTurnBatch';
import { KnexTurnCommitter } from './storage/knexTurnCommitter';
import { InProcessCoordination } from './storage/inProcessCoordination';
import { PostgresCoordination } from './storage/postgresCoordination';
import type { Coordination } from './services/ports/coordination';
import { migrateLatest } from './storage/migrate';
import { OptimisticConversationState } from './storage/optimisticConversationState';
import { AllRepositories, createRepositories } from './storage/repositories';
import { seedIfEmpty } from './storage/seeds';
import { StagedFileStore } from './storage/stagedFileStore';

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
  /**
   * Locks, claims and signals between instances. Default: PostgreSQL advisory locks and LISTEN/NOTIFY
   * when the app opens a PostgreSQL database itself, in process otherwise (SQLite, tests' shared knex).
   */
  coordination?: Coordination;
  /** `npm run whatsapp -- --pairing-phone=573001112233`: link with a code typed on the phone instead of the QR. */
  whatsappPairingPhone?: string;
  /**
   * The web chat's per-client limits (default DEFAULT_DIRECT_LINE_LIMITS). The bench raises the
   * per-conversation message rate: its 50 conversations each send as fast as they are answered.
   */
  directLineLimits?: Partial<DirectLineLimits>;
}

export interface App {
  config: Config;
  clock: Clock;
  logger: Logger;
  knex: Knex;
  repositories: AllRepositories;
  stagedFiles: StagedFileStore;
  /** PDF inspection (worker threads) and photo conversion. */
  uploads: UploadServices;
  conversationState: OptimisticConversationState;
  accessors: ConversationAccessors;
  bot: OficinaBot;
  registry: ChannelRegistry;
  /** Applied to every channel adapter, in this order. */
  middleware: Middleware[];
  directLine: DirectLineChannel;
  botFramework: BotFrameworkChannel;
  server: AppServer;
  /** Where areas declare their `/api/v1` endpoints (before the server is built). */
  integrationApi: IntegrationApi;
  backOffice: BackOfficeWiring;
  tasks: BackgroundTask[];
  /** Locks, claims and signals between instances (see AppOptions.coordination). */
  coordination: Coordination;
  /** Listens on config.host and config.port (0 for an ephemeral port), starts background tasks; resolves with the URL. */
  start(port?: number): Promise<string>;
  /** Where the server listens once started, e.g. { address: '127.0.0.1', port: 3978 }. */
  boundAddress(): { address: string; port: number } | undefined;
  stop(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  configureClientAddress(config.trustProxy);
  configurePseudonymKey(config.sessionSecret);
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
  const reads = options.knex ? knex : createReadKnex(config.databaseUrl, knex);
  const repositories = createRepositories(knex, reads);
  const stagedFiles = new StagedFileStore(path.join(config.uploadDir, '.staging'));

  // Bot state
  const botStorage = new KnexStorage(knex, undefined, reads);
  const conversationState = new OptimisticConversationState(botStorage);
  const accessors: ConversationAccessors = {
    dialogState: conversationState.createProperty('dialogState'),
    session: conversationState.createProperty('session'),
  };
  // PDF inspection (worker threads) and photo conversion, shared by every upload path.
  const uploadChecks = wireUploadChecks();
  const { uploads } = uploadChecks;
  const coordination =
    options.coordination ??
    (!options.knex && databaseKind(config.databaseUrl) === 'postgres'
      ? await PostgresCoordination.connect(config.databaseUrl, logger.child({ area: 'coordination' }))
      : new InProcessCoordination());
  const infra: AppInfrastructure = { config, clock, logger, repositories, stagedFiles, uploads, accessors, registry: new ChannelRegistry(), coordination };
  const { registry } = infra;
  const core = combineWirings(wiring({ tasks: [stagedFilesSweep(stagedFiles, clock, logger)] }), uploadChecks.wiring);

  // Features, one area each (src/composition/): each returns what it adds.
  const integrationApi = wireIntegrationApi(infra);
  const handoff = wireHandoff(infra);
  const webhooks = wireWebhooks(infra);
  const authorizationRequests = wireAuthorizationRequests(infra);
  const backOffice = wireBackOffice(infra, authorizationRequests.family, integrationApi.api, handoff.auth);
  // The one outbox worker also delivers webhooks and the back office's chat notices.
  const identity = wireIdentity(infra, [...webhooks.outboxDrivers, backOffice.chatDriver]);
  const selfService = wireSelfService(infra, authorizationRequests.family, identity.identity);
  const retention = wireRetention(infra);
  const affiliateFeed = wireAffiliateFeed(infra, integrationApi.api);

  const features = combineWirings(identity, authorizationRequests, selfService, affiliateFeed, backOffice);
  const intents = await trainIntentClassifier(logger);
  const mainDialog = new MainDialog({
    clock,
    session: accessors.session,
    features: features.dialogs,
    handoff: handoff.starter,
    shortcuts: backOfficeShortcuts,
    intents,
  });
  const handoffParts = await handoff.attach(mainDialog, conversationState);
  const bot = new OficinaBot(conversationState, accessors, mainDialog);
  const onTurnError = createTurnErrorHandler({
    logger,
    dialogState: accessors.dialogState,
    saveState: (context) => conversationState.saveChanges(context, true),
  });
  // Channel middleware, in the order every adapter applies it (after the turn queue). The turn's writes
  // come first so everything after them (transcript, state) lands in the one end-of-turn transaction.
  const turnCommitter = new KnexTurnCommitter(knex, () => clock.now());
  const middleware = [
    new TurnWritesMiddleware(() => new KnexTurnBatch(turnCommitter)),
    new TurnPreloadMiddleware([(context) => conversationState.load(context), ...handoffParts.preloads]),
    ...features.middleware,
    ...handoffParts.middleware,
    // After the relay: news waiting for the affiliate is never shown while an agent holds the conversation.
    backOffice.noticesMiddleware,
  ];

  // Channels: one turn queue for all of them, so a conversation never runs two turns at once.
  const turnSerializer = new SerializeTurnsMiddleware(undefined, coordination.acrossInstances ? coordination : undefined);
  const directLine = new DirectLineChannel({
    bot,
    tokenSecret: config.sessionSecret,
    publicUrl: config.publicUrl,
    stagedFiles,
    clock,
    logger: logger.child({ channel: 'webchat' }),
    registry,
    turnSerializer,
    uploadWindow: uploadWindow(fileWaitReader(botStorage), handoff.agentHolds),
    store: new KnexDirectLineStore(knex, clock, DEFAULT_STORE_BUDGET, reads),
    files: new KnexDownloadFileStore(knex),
    limits: options.directLineLimits,
    relay: coordination.acrossInstances ? new SignalledActivityRelay(coordination, randomUUID(), logger.child({ channel: 'webchat' })) : undefined,
  });
  const botFramework = new BotFrameworkChannel({
    appId: config.botFramework.appId,
    appPassword: config.botFramework.appPassword,
    logger: logger.child({ channel: 'botframework' }),
    turnSerializer,
  });
  botFramework.registerIn(registry, ['emulator', 'msteams', 'directline']);
  for (const adapter of [directLine.adapter, botFramework]) attachPipeline(adapter, { middleware, onTurnError });
  const whatsApp = wireWhatsApp(infra, { bot, onTurnError, turnSerializer, middleware, webClient: options.whatsappWebClient, pairingPhoneNumber: options.whatsappPairingPhone });

  const { routes, tasks } = combineWirings(core, integrationApi.wiring, features, handoffParts, whatsApp, retention, webhooks);
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
    uploads,
    conversationState,
    accessors,
    bot,
    registry,
    middleware,
    directLine,
    botFramework,
    server,
    integrationApi: integrationApi.api,
    backOffice,
    tasks,
    coordination,
    async start(port = config.port) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, config.host, () => resolve());
      });
      listening = true;
      for (const task of tasks) await task.start();
      return `http://localhost:${app.boundAddress()?.port ?? port}`;
    },
    boundAddress() {
      const address = listening ? server.address() : null;
      return typeof address === 'object' && address ? { address: address.address, port: address.port } : undefined;
    },
    async stop() {
      for (const task of [...tasks].reverse()) await task.stop();
      if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      listening = false;
      if (!options.coordination) await coordination.close();
      if (!options.knex) {
        if (reads !== knex) await reads.destroy();
        await knex.destroy();
      }
    },
  };
  return app;
}
