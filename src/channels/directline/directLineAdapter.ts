// The bot adapter of our in-process Direct Line: it runs the bot directly (no HTTP hop, no JWT) and
// delivers what the bot sends into the conversation's log, from where open streams and polling clients
// take it. Turns of one conversation are serialised (SerializeTurnsMiddleware, installed first).
import {
  Activity,
  ActivityTypes,
  BotAdapter,
  ChannelAccount,
  ConversationReference,
  Middleware,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { Clock } from '../../domain/clock';
import { SerializeTurnsMiddleware } from '../../bot/turnQueue';
import { setTurnClientAddress } from '../../bot/turnClient';

export const WEBCHAT_CHANNEL_ID = 'webchat';

export type BotLogic = (context: TurnContext) => Promise<void>;

export interface DirectLineAdapterDeps {
  clock: Clock;
  bot: { run(context: TurnContext): Promise<void> };
  botAccount: ChannelAccount;
  serviceUrl: string;
  /** Appends an outgoing activity to the conversation log and publishes it; returns its id. */
  deliver(conversationId: string, activity: Partial<Activity>): Promise<string>;
  /** Defaults to a fresh SerializeTurnsMiddleware. */
  turnSerializer?: Middleware;
}

// Activity types a Bot Framework channel consumes itself instead of showing them.
const NOT_DELIVERED = new Set<string>([ActivityTypes.Trace, ActivityTypes.InvokeResponse, 'delay']);

export class DirectLineAdapter extends BotAdapter {
  constructor(private readonly deps: DirectLineAdapterDeps) {
    super();
    this.use(deps.turnSerializer ?? new SerializeTurnsMiddleware());
  }

  /**
   * Runs one turn of the bot for an activity that came from the user; returns the finished turn's context.
   * `clientAddress` (the HTTP client's, see server/clientAddress.ts) feeds the per-address guessing limits.
   */
  async processActivity(activity: Activity, logic: BotLogic = (context) => this.deps.bot.run(context), clientAddress?: string): Promise<TurnContext> {
    const context = new TurnContext(this, activity);
    if (clientAddress !== undefined) setTurnClientAddress(context, clientAddress);
    await this.runMiddleware(context, logic);
    return context;
  }

  /** The fields every activity of a conversation carries, from the bot's side. */
  baseActivity(conversationId: string, user: ChannelAccount): Partial<Activity> {
    return {
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: this.deps.serviceUrl,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      recipient: this.deps.botAccount,
      from: { ...user, role: 'user' },
      locale: 'es-CO',
    };
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error('cannot send without a conversation id');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type && NOT_DELIVERED.has(activity.type)) {
        responses.push({ id: '' });
        continue;
      }
      const outgoing: Partial<Activity> = {
        ...activity,
        type: activity.type ?? ActivityTypes.Message,
        channelId: WEBCHAT_CHANNEL_ID,
        serviceUrl: this.deps.serviceUrl,
        conversation: context.activity.conversation,
        from: this.deps.botAccount,
        recipient: activity.recipient ?? context.activity.from,
        timestamp: this.deps.clock.now(),
        replyToId: activity.replyToId ?? context.activity.id,
      };
      responses.push({ id: await this.deps.deliver(conversationId, outgoing) });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('Direct Line does not support updating activities');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('Direct Line does not support deleting activities');
  }

  /** A proactive turn (agent reply, expiry notice) in a web chat conversation. */
  override async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    // Azure Bot Service's own Web Chat also says channelId 'webchat' (through /api/messages); its
    // conversations are not ours, and writing into a log nobody reads would lose the message silently.
    if (reference.serviceUrl && reference.serviceUrl !== this.deps.serviceUrl) {
      throw new Error('not a conversation of the in-process Direct Line (different serviceUrl)');
    }
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      { ...reference, channelId: WEBCHAT_CHANNEL_ID, serviceUrl: this.deps.serviceUrl },
      true,
    ) as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
