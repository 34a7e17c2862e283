// WhatsApp: the Cloud API channel when its four variables are set (webhook route, inbox worker);
// whatsapp-web.js when WHATSAPP_WEBJS=on or `npm run whatsapp` (QR in the terminal, session in data/local/wwebjs).
import type { Middleware, TurnContext } from 'botbuilder';
import type { SerializeTurnsMiddleware } from '../bot/turnQueue';
import type { BotRunner } from '../channels/inProcessAdapter';
import { createWhatsAppCloudChannel, startWhatsAppWebJsChannel, WhatsAppWebJsChannel } from '../channels/whatsapp/whatsAppChannels';
import type { WhatsAppWebClient } from '../channels/whatsapp/webjsPort';
import type { Leadership } from '../services/ports/coordination';
import { AppInfrastructure, BackgroundTask, RouteRegistration, Wiring, wiring } from './context';

export interface WhatsAppWiringDeps {
  bot: BotRunner;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  turnSerializer: SerializeTurnsMiddleware;
  /** Every area's channel middleware, in order. */
  middleware: Middleware[];
  /** Tests pass a fake whatsapp-web.js client. */
  webClient?: WhatsAppWebClient;
  pairingPhoneNumber?: string;
}

export function wireWhatsApp(infra: AppInfrastructure, deps: WhatsAppWiringDeps): Wiring {
  const { config } = infra;
  const routes: RouteRegistration[] = [];
  const tasks: BackgroundTask[] = [];
  const shared = {
    bot: deps.bot,
    files: infra.stagedFiles,
    registry: infra.registry,
    logger: infra.logger.child({ area: 'whatsapp' }),
    onTurnError: deps.onTurnError,
    middleware: deps.middleware,
    serializer: deps.turnSerializer,
  };
  if (config.whatsappCloud) {
    const cloud = createWhatsAppCloudChannel({ ...shared, settings: config.whatsappCloud, store: infra.repositories.whatsappCloud, clock: infra.clock });
    routes.push(cloud.routes);
    tasks.push({ name: 'whatsapp-cloud', start: () => cloud.start(), stop: () => cloud.stop() });
  }
  if (config.whatsappWebJs.enabled) {
    let webjs: WhatsAppWebJsChannel | undefined;
    let leadership: Leadership | undefined;
    const startChannel = async () => {
      webjs = await startWhatsAppWebJsChannel({ ...shared, settings: config.whatsappWebJs, client: deps.webClient, pairingPhoneNumber: deps.pairingPhoneNumber });
    };
    tasks.push({
      name: 'whatsapp-webjs',
      // One linked phone, one browser session: with several instances only the one holding the lock runs
      // it; when that instance dies its lock goes with its connection and another one takes over.
      start: () => {
        if (!infra.coordination.acrossInstances) return startChannel();
        leadership = infra.coordination.lead('whatsapp-webjs', startChannel, { retryMs: 15_000 });
      },
      stop: async () => {
        await leadership?.stop();
        await webjs?.stop();
      },
    });
  }
  return wiring({ routes, tasks });
}
