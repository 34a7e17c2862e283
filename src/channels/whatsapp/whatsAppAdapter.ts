// The part both WhatsApp channels share: turning a received message into a channel-neutral activity,
// running the bot with turns of one chat serialised, delivering each outgoing message activity through
// the channel's own transport, and proactive turns for agents and notices (through ChannelRegistry).
import {
  Activity,
  ActivityTypes,
  Attachment,
  BotAdapter,
  ConversationReference,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { SerializeTurnsMiddleware } from '../../bot/turnQueue';
import { Logger, pseudonym } from '../../observability/logger';

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

/** What runs the bot for a turn (OficinaBot.run, or any ActivityHandler). */
export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

export abstract class WhatsAppAdapter extends BotAdapter {
  protected readonly logger: Logger;

  protected constructor(
    readonly channelId: string,
    protected readonly bot: TurnRunner,
    logger: Logger,
    serializer: SerializeTurnsMiddleware = new SerializeTurnsMiddleware(),
  ) {
    super();
    this.logger = logger.child({ channel: channelId });
    this.use(serializer);
  }

  /** Sends one message activity to the conversation; returns the channel's id of what it sent last. */
  protected abstract deliver(conversationId: string, activity: Partial<Activity>): Promise<string | undefined>;

  /** Runs the bot for a received message. Errors go to onTurnError (set it; see createTurnErrorHandler). */
  async processInbound(inbound: InboundMessage): Promise<void> {
    const activity = this.activityOf(inbound);
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, (turn) => this.bot.run(turn));
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error('whatsapp: activity without conversation');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const type = activity.type ?? ActivityTypes.Message;
      if (type !== ActivityTypes.Message) {
        // typing, delay, trace, events: nothing to show on WhatsApp.
        responses.push({ id: '' });
        continue;
      }
      const id = await this.deliver(activity.conversation?.id ?? conversationId, activity);
      responses.push({ id: id ?? '' });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('whatsapp: messages cannot be edited');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('whatsapp: messages cannot be deleted');
  }

  /**
   * A proactive turn (agent reply, expiry notice). Unlike a user's turn, a failure reaches the caller
   * instead of onTurnError: the caller must learn that the message was not delivered, and the user's
   * dialog must not be reset because of it.
   */
  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation', channelId: this.channelId },
      reference,
      true,
    );
    const context = new TurnContext(this, activity);
    await this.middleware.run(context, () => logic(context));
  }

  /** A reference to the conversation of a user, for code that starts messages (tests, notices). */
  referenceFor(conversationId: string, userId = conversationId): Partial<ConversationReference> {
    return {
      channelId: this.channelId,
      serviceUrl: `urn:${this.channelId}`,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      user: { id: userId, name: '' },
      bot: { id: this.channelId, name: 'Oficina Virtual' },
    };
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
