// POST /api/messages: the Bot Framework protocol (Emulator, Azure Bot Service channels) through botbuilder's
// CloudAdapter, authenticated with MicrosoftAppId/MicrosoftAppPassword. Without an app id the adapter
// accepts any caller, forged tokens included: config.ts refuses that in production, and in development
// the open endpoint serves only the Bot Framework Emulator on this machine (see checkOpenActivity).
// We read the body ourselves (size limit, no Content-Encoding) and answer errors in the server's JSON
// shape instead of CloudAdapter.process's plain strings and console output.
import {
  Activity,
  CloudAdapter,
  ConversationReference,
  Middleware,
  TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'restify';
import { SerializeTurnsMiddleware } from '../../bot/turnQueue';
import { Logger, pseudonym } from '../../observability/logger';
import { HttpError } from '../../server/httpErrors';
import { readJsonObject } from '../../server/jsonBody';
import { ChannelRegistry } from '../channelRegistry';
import { BotRunner } from '../inProcessAdapter';
import { ReusedClientsAuthentication } from './reusedClients';

const BODY_LIMIT = 256 * 1024;

export interface BotFrameworkChannelOptions {
  appId?: string;
  appPassword?: string;
  /** Single-tenant bots set MicrosoftAppType/TenantId; multi-tenant is the Azure default. */
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  logger: Logger;
  turnSerializer?: Middleware;
}

export class BotFrameworkChannel extends CloudAdapter {
  private readonly appId: string;

  constructor(private readonly options: BotFrameworkChannelOptions) {
    super(
      new ReusedClientsAuthentication({
        MicrosoftAppId: options.appId,
        MicrosoftAppPassword: options.appPassword,
        MicrosoftAppType: options.appType ?? 'MultiTenant',
        MicrosoftAppTenantId: options.tenantId,
      }),
    );
    this.appId = options.appId ?? '';
    this.use(options.turnSerializer ?? new SerializeTurnsMiddleware());
  }

  /** True when requests are not authenticated (no MicrosoftAppId): development with the Emulator only. */
  get open(): boolean {
    return this.appId === '';
  }

  /** Registers this adapter for proactive messages on the given Bot Framework channel ids (e.g. 'emulator'). */
  registerIn(registry: ChannelRegistry, channelIds: string[]): void {
    for (const channelId of channelIds) registry.register(channelId, this);
  }

  /** The route handler for POST /api/messages. */
  handler(bot: BotRunner): (req: Request, res: Response) => Promise<void> {
    return async (req, res) => {
      const body = await readJsonObject(req, { maxBytes: BODY_LIMIT });
      const activity = checkActivity(body);
      if (this.open) checkOpenActivity(activity);
      try {
        const invokeResponse = await this.processActivity(req.headers.authorization ?? '', activity, (context) => bot.run(context));
        res.setHeader('Cache-Control', 'no-store');
        if (invokeResponse?.body !== undefined) res.send(invokeResponse.status ?? 200, invokeResponse.body);
        else res.send(invokeResponse?.status ?? 200);
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        if (status === 401 || status === 403) {
          this.options.logger.warn('botframework.unauthorized', { channel: activity.channelId });
          throw new HttpError(401, 'unauthorized', 'Credenciales de Bot Framework inválidas.');
        }
        this.options.logger.error('botframework.turn_failed', {
          error: error as Error,
          channel: activity.channelId,
          conversation: pseudonym(activity.conversation.id),
        });
        throw new HttpError(500, 'bot_error', 'El bot no pudo procesar la actividad.');
      }
    };
  }

  /** The registry calls the classic signature; CloudAdapter wants the bot's app id. */
  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.continueConversationAsync(this.appId, reference, logic);
  }
}

/** The only channel an unauthenticated caller may speak for: the Emulator's own conversations. */
const OPEN_CHANNEL_ID = 'emulator';

/** 127.0.0.0/8, ::1 and localhost: where the Emulator listens for replies when it runs next to the bot. */
export function isLoopbackServiceUrl(serviceUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Without credentials nobody is authenticated, so: replies go only to a loopback serviceUrl (never a request
 * to an address the caller picks), and turns run only in Emulator conversations (never in a web chat or
 * WhatsApp conversation whose id the caller knows).
 */
function checkOpenActivity(activity: Activity): void {
  if (!isLoopbackServiceUrl(activity.serviceUrl)) {
    throw new HttpError(
      403,
      'service_url_not_allowed',
      'Sin MicrosoftAppId, /api/messages solo responde a un serviceUrl local (http://localhost o 127.0.0.1), como el del Bot Framework Emulator.',
    );
  }
  if (activity.channelId !== OPEN_CHANNEL_ID) {
    throw new HttpError(403, 'channel_not_allowed', 'Sin MicrosoftAppId, /api/messages solo acepta conversaciones del Bot Framework Emulator (channelId "emulator").');
  }
}

function checkActivity(body: Record<string, unknown>): Activity {
  const conversation = body.conversation as { id?: unknown } | undefined;
  if (
    typeof body.type !== 'string' ||
    typeof body.serviceUrl !== 'string' ||
    typeof body.channelId !== 'string' ||
    typeof conversation?.id !== 'string'
  ) {
    throw new HttpError(400, 'invalid_activity', 'La actividad debe traer type, serviceUrl, channelId y conversation.id.');
  }
  return body as unknown as Activity;
}
