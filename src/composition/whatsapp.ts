// WhatsApp (issue 6): the Cloud API channel when its four variables are set (webhook route, inbox worker);
// whatsapp-web.js when WHATSAPP_WEBJS=on or `npm run whatsapp` (QR in the terminal, session in data/local/wwebjs).
import type { TurnContext } from 'botbuilder';
import type { SerializeTurnsMiddleware } from '../bot/turnQueue';
import type { BotRunner } from '../channels/inProcessAdapter';
import { createWhatsAppCloudChannel, startWhatsAppWebJsChannel, WhatsAppWebJsChannel } from '../channels/whatsapp/whatsAppChannels';
import type { WhatsAppWebClient } from '../channels/whatsapp/webjsPort';
import { KnexWhatsAppCloudRepository } from '../storage/repositories/whatsappCloudRepository';
import type { AppContext } from './context';

export interface WhatsAppWiringDeps {
  bot: BotRunner;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  turnSerializer: SerializeTurnsMiddleware;
  /** Tests pass a fake whatsapp-web.js client. */
  webClient?: WhatsAppWebClient;
  pairingPhoneNumber?: string;
}

export function wireWhatsApp(ctx: AppContext, deps: WhatsAppWiringDeps): void {
  const { config } = ctx;
  const shared = {
    bot: deps.bot,
    files: ctx.stagedFiles,
    registry: ctx.registry,
    logger: ctx.logger.child({ area: 'whatsapp' }),
    onTurnError: deps.onTurnError,
    middleware: ctx.middleware,
    serializer: deps.turnSerializer,
  };
  if (config.whatsappCloud) {
    const cloud = createWhatsAppCloudChannel({ ...shared, settings: config.whatsappCloud, store: new KnexWhatsAppCloudRepository(ctx.knex), clock: ctx.clock });
    ctx.routes.push(cloud.routes);
    ctx.tasks.push({ name: 'whatsapp-cloud', start: () => cloud.start(), stop: () => cloud.stop() });
  }
  if (config.whatsappWebJs.enabled) {
    let webjs: WhatsAppWebJsChannel | undefined;
    ctx.tasks.push({
      name: 'whatsapp-webjs',
      start: async () => {
        webjs = await startWhatsAppWebJsChannel({ ...shared, settings: config.whatsappWebJs, client: deps.webClient, pairingPhoneNumber: deps.pairingPhoneNumber });
      },
      stop: () => webjs?.stop(),
    });
  }
}
