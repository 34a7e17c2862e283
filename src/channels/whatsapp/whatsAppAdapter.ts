// The part both WhatsApp channels share: turning a received message into a channel-neutral activity and
// showing only messages. Running the bot with turns of one chat serialised, the send loop and proactive
// turns for agents and notices are every in-process adapter's (src/channels/inProcessAdapter.ts).
import { Activity, ActivityTypes, Attachment } from 'botbuilder';
import { SerializeTurnsMiddleware } from '../../bot/turnQueue';
import { Logger, pseudonym } from '../../observability/logger';
import { BotRunner, InProcessAdapter } from '../inProcessAdapter';

/** A message a WhatsApp user sent, already filtered and with any file staged. */
export interface InboundMessage {
  /** The channel's message id (wamid… or the whatsapp-web.js id). */
  id: string;
  /** Where replies go: the chat id (whatsapp-web.js) or the user's wa_id (Cloud API). */
  conversationId: string;
  userId: string;
  timestamp: Date;
  text?: string;
  attachments?: Attachment[];
  /** Set for content the bot cannot read (sticker, audio, location…); MainDialog answers kindly. */
  unsupportedContent?: string;
}

/** What runs the bot for a turn: the same type every in-process adapter takes. */
export type TurnRunner = BotRunner;

export abstract class WhatsAppAdapter extends InProcessAdapter {
  protected readonly logger: Logger;

  protected constructor(channelId: string, bot: TurnRunner, logger: Logger, serializer: SerializeTurnsMiddleware = new SerializeTurnsMiddleware()) {
    super({ channelId, serviceUrl: `urn:${channelId}`, botAccount: { id: channelId, name: 'Oficina Virtual' } }, bot, serializer);
    this.logger = logger.child({ channel: channelId });
  }

  /** Sends one message activity to the conversation; returns the channel's id of what it sent last. */
  protected abstract override deliver(conversationId: string, activity: Partial<Activity>): Promise<string | undefined>;

  /** Only messages: typing, delay, trace and events have nothing to show on WhatsApp. */
  protected shows(type: string): boolean {
    return type === ActivityTypes.Message;
  }

  /** Runs the bot for a received message. Errors go to onTurnError (set it; see createTurnErrorHandler). */
  async processInbound(inbound: InboundMessage): Promise<void> {
    await this.runTurn(this.activityOf(inbound));
  }

  protected activityOf(inbound: InboundMessage): Partial<Activity> {
    const reference = this.referenceFor(inbound.conversationId, inbound.userId);
    return {
      type: ActivityTypes.Message,
      id: inbound.id,
      channelId: this.channelId,
      serviceUrl: reference.serviceUrl,
      timestamp: inbound.timestamp,
      locale: 'es-CO',
      textFormat: 'plain',
      conversation: reference.conversation,
      from: { id: inbound.userId, name: '', role: 'user' },
      recipient: { ...reference.bot!, role: 'bot' },
      text: inbound.text ?? '',
      attachments: inbound.attachments ?? [],
      channelData: inbound.unsupportedContent ? { unsupportedContent: inbound.unsupportedContent } : undefined,
    };
  }

  /** A stable, non-reversible reference to a chat, for logs. */
  protected chatRef(conversationId: string): string {
    return pseudonym(conversationId);
  }
}
