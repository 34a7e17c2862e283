// Assembly of the two WhatsApp channels for the composition root: each builds its adapter, registers it
// in the ChannelRegistry for proactive messages, and hands back what the root must start, route or stop.
import type { Middleware, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { SerializeTurnsMiddleware } from '../../bot/turnQueue';
import { Clock } from '../../domain/clock';
import { WhatsAppCloudClient } from '../../integrations/whatsappCloud/graphClient';
import { Logger } from '../../observability/logger';
import { ChannelRegistry } from '../channelRegistry';
import { WHATSAPP_CLOUD_CHANNEL, WhatsAppCloudAdapter } from './cloudAdapter';
import { CloudInboxWorker } from './cloudInboxWorker';
import { WhatsAppCloudStore } from './cloudStore';
import { registerWhatsAppCloudRoutes } from './cloudWebhook';
import { FileStager } from './stageSupportFile';
import { WHATSAPP_WEBJS_CHANNEL, WebJsAdapter } from './webjsAdapter';
import { createWebJsClient } from './webjsClient';
import { WhatsAppWebClient } from './webjsPort';
import { WebJsSupervisor } from './webjsSupervisor';
import { TurnRunner } from './whatsAppAdapter';
import { attachPipeline } from '../inProcessAdapter';

interface CommonDeps {
  bot: TurnRunner;
  /** StagedFileStore */
  files: FileStager;
  registry: ChannelRegistry;
  logger: Logger;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** Middleware after per-conversation serialisation (handoff relay, transcript…), in order. */
  middleware?: Middleware[];
  /** The turn queue shared by every channel (one turn per conversation at a time). */
  serializer?: SerializeTurnsMiddleware;
}

export interface WhatsAppCloudChannelDeps extends CommonDeps {
  /** config.whatsappCloud */
  settings: { token: string; appSecret: string; verifyToken: string; phoneNumberId: string; apiUrl: string };
  /** KnexWhatsAppCloudRepository */
  store: WhatsAppCloudStore;
  clock: Clock;
}

export interface WhatsAppCloudChannel {
  adapter: WhatsAppCloudAdapter;
  worker: CloudInboxWorker;
  /** Pass to createServer({ routes: [...] }). */
  routes: (server: Server) => void;
  /** Works through the backlog a previous process left (in the background: start-up is not held up). */
  start(): Promise<void>;
  /** Waits for the inbox work in progress (graceful shutdown). */
  stop(): Promise<void>;
}

export function createWhatsAppCloudChannel(deps: WhatsAppCloudChannelDeps): WhatsAppCloudChannel {
  const { settings } = deps;
  const client = new WhatsAppCloudClient({ apiUrl: settings.apiUrl, token: settings.token, phoneNumberId: settings.phoneNumberId });
  const adapter = new WhatsAppCloudAdapter({
    client,
    store: deps.store,
    bot: deps.bot,
    files: deps.files,
    clock: deps.clock,
    logger: deps.logger,
    serializer: deps.serializer,
  });
  attachPipeline(adapter, { middleware: deps.middleware ?? [], onTurnError: deps.onTurnError });
  deps.registry.register(WHATSAPP_CLOUD_CHANNEL, adapter);
  const worker = new CloudInboxWorker({ store: deps.store, process: (entry) => adapter.processEntry(entry), clock: deps.clock, logger: deps.logger });
  return {
    adapter,
    worker,
    routes: (server) =>
      registerWhatsAppCloudRoutes(server, {
        verifyToken: settings.verifyToken,
        appSecret: settings.appSecret,
        phoneNumberId: settings.phoneNumberId,
        store: deps.store,
        onStored: () => worker.kick(),
        clock: deps.clock,
        logger: deps.logger,
      }),
    start: async () => worker.kick(),
    stop: () => worker.drain(),
  };
}

export interface WhatsAppWebJsChannelDeps extends CommonDeps {
  /** config.whatsappWebJs */
  settings: { sessionDir: string; chromeBin: string };
  /** Link by code instead of QR: the phone number in international digits (e.g. 573001112233). */
  pairingPhoneNumber?: string;
  /** Tests pass a fake; by default the real whatsapp-web.js client (loaded only now). */
  client?: WhatsAppWebClient;
}

export interface WhatsAppWebJsChannel {
  adapter: WebJsAdapter;
  supervisor: WebJsSupervisor;
  stop(): Promise<void>;
}

/** Starts Chromium with WhatsApp Web; the QR (or pairing code) appears in the terminal on first use. */
export async function startWhatsAppWebJsChannel(deps: WhatsAppWebJsChannelDeps): Promise<WhatsAppWebJsChannel> {
  const client =
    deps.client ??
    (await createWebJsClient({
      sessionDir: deps.settings.sessionDir,
      chromeBin: deps.settings.chromeBin,
      pairingPhoneNumber: deps.pairingPhoneNumber,
    }));
  const adapter = new WebJsAdapter({ client, bot: deps.bot, files: deps.files, logger: deps.logger, serializer: deps.serializer });
  attachPipeline(adapter, { middleware: deps.middleware ?? [], onTurnError: deps.onTurnError });
  deps.registry.register(WHATSAPP_WEBJS_CHANNEL, adapter);
  const supervisor = new WebJsSupervisor({ client, logger: deps.logger.child({ channel: WHATSAPP_WEBJS_CHANNEL }) });
  await supervisor.start();
  return { adapter, supervisor, stop: () => supervisor.stop() };
}
