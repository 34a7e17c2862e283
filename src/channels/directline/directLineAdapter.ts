// The bot adapter of our in-process Direct Line: it runs the bot directly (no HTTP hop, no JWT) and
// delivers what the bot sends into the conversation's log, from where open streams and polling clients
// take it. The turn loop, the send loop and proactive turns are the in-process adapters' own
// (src/channels/inProcessAdapter.ts); this file adds what a web chat activity looks like.
import { Activity, ActivityTypes, ChannelAccount, ConversationReference, Middleware, TurnContext } from 'botbuilder';
import { Clock } from '../../domain/clock';
import { BotRunner, InProcessAdapter } from '../inProcessAdapter';

export const WEBCHAT_CHANNEL_ID = 'webchat';

export interface DirectLineAdapterDeps {
  clock: Clock;
  bot: BotRunner;
  botAccount: ChannelAccount;
  serviceUrl: string;
  /** Appends an outgoing activity to the conversation log and publishes it; returns its id. */
  deliver(conversationId: string, activity: Partial<Activity>): Promise<string>;
  /** Defaults to a fresh SerializeTurnsMiddleware. */
  turnSerializer?: Middleware;
}

// Activity types a Bot Framework channel consumes itself instead of showing them.
const NOT_DELIVERED = new Set<string>([ActivityTypes.Trace, ActivityTypes.InvokeResponse, 'delay']);

export class DirectLineAdapter extends InProcessAdapter {
  constructor(private readonly deps: DirectLineAdapterDeps) {
    super({ channelId: WEBCHAT_CHANNEL_ID, serviceUrl: deps.serviceUrl, botAccount: deps.botAccount }, deps.bot, deps.turnSerializer);
  }

  /** The fields every activity of a conversation carries, from the bot's side. */
  baseActivity(conversationId: string, user: ChannelAccount): Partial<Activity> {
    return {
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: this.serviceUrl,
      conversation: this.conversationAccount(conversationId),
      recipient: this.botAccount,
      from: { ...user, role: 'user' },
      locale: 'es-CO',
    };
  }

  protected shows(type: string): boolean {
    return !NOT_DELIVERED.has(type);
  }

  protected async deliver(conversationId: string, activity: Partial<Activity>, context: TurnContext): Promise<string> {
    return this.deps.deliver(conversationId, {
      ...activity,
      type: activity.type ?? ActivityTypes.Message,
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: this.serviceUrl,
      conversation: context.activity.conversation,
      from: this.botAccount,
      recipient: activity.recipient ?? context.activity.from,
      timestamp: this.deps.clock.now(),
      replyToId: activity.replyToId ?? context.activity.id,
    });
  }

  // Azure Bot Service's own Web Chat also says channelId 'webchat' (through /api/messages); its
  // conversations are not ours, and writing into a log nobody reads would lose the message silently.
  protected override checkOwnConversation(reference: Partial<ConversationReference>): void {
    if (reference.serviceUrl && reference.serviceUrl !== this.serviceUrl) {
      throw new Error('not a conversation of the in-process Direct Line (different serviceUrl)');
    }
  }
}
