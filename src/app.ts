// The composition root: config → knex → repositories → services → dialogs → bot → channels → server.
// The only place that creates concrete classes. `src/index.ts` runs it; tests build the same app on a
// temporary SQLite file (or PostgreSQL) so what they exercise is what `npm start` serves.
import path from 'node:path';
import type { Knex } from 'knex';
import type { Middleware } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { MainDialog } from '../dialogs/mainDialog';
import { createIdentityDialogs } from '../dialogs/identity/identityDialogs';
import { ReauthenticateDialog } from '../dialogs/identity/reauthenticateDialog';
import { createIdentityServices } from './services/identity/identityServices';
import { RateEventPruner } from './services/identity/rateEventPruner';
import { DevEmailDriver, DevSmsDriver } from './services/notifications/devDrivers';
import { OutboxWorker } from './services/notifications/outboxWorker';
import { SmtpEmailDriver } from './services/notifications/smtpEmailDriver';
import { SmsGatewayDriver } from './integrations/smsGateway';
import { registerLegalRoutes } from './server/routes/legalRoutes';
import { registerDevOutboxRoutes } from './server/routes/devOutboxRoutes';
import { KnexIdentityRateEventRepository } from './storage/repositories/knexIdentityRateEventRepository';
import { RequestAuthorizationDialog } from '../dialogs/authorizations/requestAuthorizationDialog';
import { AssignedIpsDialog } from '../dialogs/selfService/assignedIpsDialog';
import { AuthorizationStatusDialog } from '../dialogs/selfService/authorizationStatusDialog';
import { CertificatesDialog } from '../dialogs/selfService/certificatesDialog';
import { PqrdsDialog } from '../dialogs/selfService/pqrdsDialog';
import { UpdateBasicDataDialog } from '../dialogs/selfService/updateBasicDataDialog';
import { BotFrameworkChannel } from './channels/botframework/botFrameworkChannel';
import { DirectLineChannel } from './channels/directline/directLineChannel';
import { ChannelRegistry } from './channels/registry';
import { ConversationAccessors } from './bot/conversationData';
import { OficinaBot } from './bot/oficinaBot';
import { HandoffStarter } from './bot/ports';
import { createTurnErrorHandler } from './bot/turnErrorHandler';
import { SerializeTurnsMiddleware } from './bot/turnQueue';
import { Config } from './config';
import { Clock, systemClock } from './domain/clock';
import { Logger, createLogger } from './observability/logger';
import { AppServer, createServer } from './server/createServer';
import { AuthorizationFilingService } from './services/authorizationRequests/authorizationFilingService';
import { createSupportChecker } from './services/authorizationRequests/supportCheck';
import { SupportFileStore } from './services/authorizationRequests/supportFiles';
import { ContactDataService } from './services/family/contactDataService';
import { FamilyNucleusService } from './services/family/familyNucleus';
import { Repositories } from './services/ports/repositories';
import { subjectKeyer } from './services/identity/subjectKey';
import { AssignedIpsService } from './services/selfService/assignedIpsService';
import { AuthorizationStatusService } from './services/selfService/authorizationStatusService';
import { BasicDataService } from './services/selfService/basicDataService';
import { CertificateService } from './services/selfService/certificateService';
import { PqrdsService } from './services/selfService/pqrdsService';
import { DEFAULT_CERTIFICATE_ISSUER } from './pdf/certificateData';
import { registerCertificateRoutes } from './server/routes/certificateRoutes';
import { KnexCertificateRepository } from './storage/repositories/knexCertificateRepository';
import { KnexPqrdsAttachmentRepository } from './storage/repositories/knexPqrdsAttachmentRepository';
import { KnexPqrdsLookupFailureLog } from './storage/repositories/knexPqrdsLookupFailureLog';
import { AgentHours } from './domain/agentHours';
import { sessionStatus } from './domain/session';
import { registerAgentRoutes } from './handoff/agentRoutes';
import { RegistryHandoffGateway } from './handoff/channelGateway';
import { DeferredResumer, DialogResumer } from './handoff/dialogResumer';
import { InMemoryHandoffEventBus } from './handoff/eventBus';
import { ExpirySweeper, startExpirySweeper } from './handoff/expirySweeper';
import { HandoffMiddleware } from './handoff/handoffMiddleware';
import { ServiceHandoffStarter } from './handoff/handoffStarter';
import { RecentFailureHints, RepeatedFailureHintMiddleware } from './handoff/repeatedFailureHint';
import { taskLabel } from './handoff/taskLabels';
import { TranscriptRecorderMiddleware } from './handoff/transcriptRecorder';
import { AgentAuthService, ensureDemoAgents } from './services/handoffAgentAuthService';
import { HandoffConsoleService } from './services/handoffConsoleService';
import { HandoffService } from './services/handoffService';
import { argon2idHasher } from './services/identity/passwordHasher';
import { KnexAgentAuditRepository } from './storage/repositories/knexAgentAuditRepository';
import { KnexAgentRepository } from './storage/repositories/knexAgentRepository';
import { KnexAgentSessionRepository } from './storage/repositories/knexAgentSessionRepository';
import { KnexHandoffRepository } from './storage/repositories/knexHandoffRepository';
import { KnexHandoffTranscriptRepository } from './storage/repositories/knexHandoffTranscriptRepository';
import { createKnex } from './storage/knex';
import { KnexStorage } from './storage/knexStorage';
import { migrateLatest } from './storage/migrate';
import { OptimisticConversationState } from './storage/optimisticConversationState';
import { createRepositories } from './storage/repositories';
import { seedIfEmpty } from './storage/seeds';
import { StagedFileStore } from './storage/stagedFiles';
import { createWhatsAppCloudChannel, startWhatsAppWebJsChannel, WhatsAppWebJsChannel } from './channels/whatsapp/whatsAppChannels';
import type { WhatsAppWebClient } from './channels/whatsapp/webjsPort';
import { KnexWhatsAppCloudRepository } from './storage/repositories/whatsappCloudRepository';
import { PeriodicTask } from './services/periodicTask';

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

/** Something that runs in the background while the app serves (outbox worker, sweeps, WhatsApp). */
export interface BackgroundTask {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
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
  const registry = new ChannelRegistry();
  const tasks: BackgroundTask[] = [];
  const middleware: Middleware[] = [];
  // Files of conversations that stopped mid-flow (no "listo", no "cancelar") are deleted after a day.
  tasks.push(new PeriodicTask('staged-files-sweep', 60 * 60_000, () => stagedFiles.sweep(clock.now(), STAGED_MAX_AGE_MS), logger));

  // Features (each issue adds its services and dialogs here)
  const features: Dialog[] = [];

  // Human agents (issue 7): the queue in the database, relayed while an agent holds the conversation;
  // the gateway reaches users through the registry and hands back to MainDialog (bound below).
  const handoffLogger = logger.child({ area: 'handoff' });
  const agentHours = AgentHours.parse(config.agentHours);
  const handoffEvents = new InMemoryHandoffEventBus();
  const handoffResumer = new DeferredResumer();
  const agents = new KnexAgentRepository(knex);
  const agentAudit = new KnexAgentAuditRepository(knex);
  const handoffTranscripts = new KnexHandoffTranscriptRepository(knex);
  const handoffService = new HandoffService({
    handoffs: new KnexHandoffRepository(knex),
    transcripts: handoffTranscripts,
    agents,
    audit: agentAudit,
    gateway: new RegistryHandoffGateway(registry, handoffResumer),
    events: handoffEvents,
    hours: agentHours,
    clock,
    logger: handoffLogger,
  });
  const failureHints = new RecentFailureHints(clock);
  const handoff: HandoffStarter = new ServiceHandoffStarter({
    service: handoffService,
    hours: agentHours,
    clock,
    dialogState: accessors.dialogState,
    session: accessors.session,
    failureHints,
  });

  // Identity (issue 3): registration, login, recovery, charter; SMS and e-mail through the outbox.
  const rateEvents = new KnexIdentityRateEventRepository(knex);
  const identity = createIdentityServices({ repositories, rateEvents, clock, logger: logger.child({ area: 'identity' }), secret: config.sessionSecret });
  features.push(...createIdentityDialogs({ ...identity, session: accessors.session, clock, publicUrl: config.publicUrl }));
  const outboxLogger = logger.child({ area: 'outbox' });
  tasks.push(
    new OutboxWorker({
      outbox: repositories.outbox,
      clock,
      logger: outboxLogger,
      drivers: [
        config.sms.gatewayUrl && config.sms.gatewayToken
          ? new SmsGatewayDriver({ url: config.sms.gatewayUrl, token: config.sms.gatewayToken })
          : new DevSmsDriver(outboxLogger),
        config.mail.smtpUrl
          ? new SmtpEmailDriver({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, messageIdDomain: new URL(config.publicUrl).hostname })
          : new DevEmailDriver(outboxLogger),
      ],
    }),
    new RateEventPruner({ rateEvents, clock, logger }),
  );

  // Authorization requests (issue 4): family nucleus, contact data, filing with PDF supports.
  const familyNucleus = new FamilyNucleusService(repositories.affiliates);
  const contactData = new ContactDataService({ affiliates: repositories.affiliates, nucleus: familyNucleus, clock, logger });
  const checkSupport = createSupportChecker(stagedFiles);
  const authorizationFiling = new AuthorizationFilingService({
    requests: repositories.authorizationRequests,
    outbox: repositories.outbox,
    places: repositories.places,
    nucleus: familyNucleus,
    staged: stagedFiles,
    supportFiles: new SupportFileStore(config.uploadDir),
    checkSupport,
    clock,
    logger,
  });
  features.push(
    new RequestAuthorizationDialog({ session: accessors.session, nucleus: familyNucleus, contactData, filing: authorizationFiling, checkSupport, staged: stagedFiles }),
  );

  // Self-service (issue 5): authorization status, basic data, certificates, assigned IPS, PQRDS.
  const certificates = new CertificateService({
    nucleus: familyNucleus,
    ips: repositories.ips,
    places: repositories.places,
    certificates: new KnexCertificateRepository(knex),
    clock,
    issuer: DEFAULT_CERTIFICATE_ISSUER,
    publicUrl: config.publicUrl,
  });
  const pqrds = new PqrdsService({
    pqrds: repositories.pqrds,
    attachments: new KnexPqrdsAttachmentRepository(knex),
    clock,
    affiliates: repositories.affiliates,
    supports: { check: checkSupport, store: new SupportFileStore(config.uploadDir), staged: stagedFiles },
    failures: { log: new KnexPqrdsLookupFailureLog(knex), subjectKey: subjectKeyer(config.sessionSecret) },
  });
  const authorizationStatus = new AuthorizationStatusService({
    nucleus: familyNucleus,
    authorizations: repositories.authorizations,
    requests: repositories.authorizationRequests,
    ips: repositories.ips,
  });
  const basicData = new BasicDataService({ nucleus: familyNucleus, affiliates: repositories.affiliates, consents: repositories.consents, clock });
  features.push(
    new AuthorizationStatusDialog(accessors.session, familyNucleus, authorizationStatus),
    new UpdateBasicDataDialog({
      session: accessors.session,
      nucleus: familyNucleus,
      service: basicData,
      reauthenticate: new ReauthenticateDialog({ authentication: identity.authentication, session: accessors.session }),
    }),
    new CertificatesDialog(accessors.session, familyNucleus, certificates),
    new AssignedIpsDialog(accessors.session, new AssignedIpsService({ nucleus: familyNucleus, ips: repositories.ips, places: repositories.places })),
    new PqrdsDialog({ session: accessors.session, service: pqrds, supports: { check: checkSupport, staged: stagedFiles } }),
  );

  const mainDialog = new MainDialog({ clock, session: accessors.session, features, handoff });
  const dialogResumer = new DialogResumer(conversationState, accessors.dialogState, mainDialog);
  handoffResumer.bind(dialogResumer);
  // Order matters: the recorder sees every turn (relayed ones too); the relay runs closest to the bot.
  middleware.push(
    new TranscriptRecorderMiddleware({
      sink: handoffService,
      clock,
      logger: handoffLogger,
      references: repositories.conversationReferences,
      affiliateOf: async (context) => {
        const current = await accessors.session.get(context);
        return current && sessionStatus(current, clock.now()) === 'active' ? current.affiliateId : undefined;
      },
    }),
    new RepeatedFailureHintMiddleware(accessors.dialogState, failureHints),
    new HandoffMiddleware(handoffService, dialogResumer, handoffLogger),
  );
  const agentAuth = new AgentAuthService({
    agents,
    sessions: new KnexAgentSessionRepository(knex),
    audit: agentAudit,
    hasher: argon2idHasher,
    clock,
    secret: config.sessionSecret,
    logger: handoffLogger,
  });
  // CONTRACT's demo agents exist in development and test only (ensureDemoAgents refuses production).
  await ensureDemoAgents({ agents, hasher: argon2idHasher, clock }, config.env);
  const handoffConsole = new HandoffConsoleService({
    handoffs: handoffService,
    transcripts: handoffTranscripts,
    agents,
    audit: agentAudit,
    affiliates: repositories.affiliates,
    clock,
    taskLabel,
  });
  let expirySweeper: ExpirySweeper | undefined;
  tasks.push({
    name: 'handoff-expiry',
    start: () => {
      expirySweeper = startExpirySweeper(handoffService, { logger: handoffLogger });
    },
    stop: () => expirySweeper?.stop(),
  });
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
  const adapters = [directLine.adapter, botFramework];
  for (const adapter of adapters) {
    for (const m of middleware) adapter.use(m);
    adapter.onTurnError = onTurnError;
  }

  const routes: Array<(server: import('restify').Server) => void> = [registerLegalRoutes];
  // The demo's SMS (María Fernanda's temporary password) readable in a page, only while developing.
  if (config.env === 'development') routes.push((server) => registerDevOutboxRoutes(server, { outbox: repositories.outbox }));
  routes.push((server) => registerCertificateRoutes(server, { certificates, logger, issuerName: DEFAULT_CERTIFICATE_ISSUER.name }));
  routes.push((server) =>
    registerAgentRoutes(server, {
      auth: agentAuth,
      handoffs: handoffService,
      console: handoffConsole,
      events: handoffEvents,
      stagedFiles,
      logger: handoffLogger,
      publicUrl: config.publicUrl,
    }),
  );
  // WhatsApp (issue 6): the Cloud API channel when its four variables are set (webhook route, inbox worker);
  // whatsapp-web.js when WHATSAPP_WEBJS=on or `npm run whatsapp` (QR in the terminal, session in data/local/wwebjs).
  const whatsappDeps = { bot, files: stagedFiles, registry, logger: logger.child({ area: 'whatsapp' }), onTurnError, middleware, serializer: turnSerializer };
  if (config.whatsappCloud) {
    const cloud = createWhatsAppCloudChannel({ ...whatsappDeps, settings: config.whatsappCloud, store: new KnexWhatsAppCloudRepository(knex), clock });
    routes.push(cloud.routes);
    tasks.push({ name: 'whatsapp-cloud', start: () => cloud.start(), stop: () => cloud.stop() });
  }
  if (config.whatsappWebJs.enabled) {
    let webjs: WhatsAppWebJsChannel | undefined;
    tasks.push({
      name: 'whatsapp-webjs',
      start: async () => {
        webjs = await startWhatsAppWebJsChannel({ ...whatsappDeps, settings: config.whatsappWebJs, client: options.whatsappWebClient, pairingPhoneNumber: options.whatsappPairingPhone });
      },
      stop: () => webjs?.stop(),
    });
  }

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
