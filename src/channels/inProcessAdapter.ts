// The adapters that run the bot inside this process (web chat over our Direct Line, both WhatsApp
// channels) share one shape: a user's turn runs the bot with turns of a conversation serialised and
// errors going to onTurnError; outgoing activities go through one send loop to the channel's own
// transport; a proactive turn (agent reply, notice) lets a failure reach its caller, so the console
// learns a message was not delivered and the user's dialog is not reset by an error that was not theirs.
import {
  Activity,
  ActivityTypes,
  BotAdapter,
  ChannelAccount,
  ConversationAccount,
  ConversationReference,
  Middleware,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { SerializeTurnsMiddleware } from '../bot/turnQueue';

/** Something that runs the bot for a turn (OficinaBot, any ActivityHandler). */
export interface BotRunner {
  run(context: TurnContext): Promise<void>;
}

export type BotLogic = (context: TurnContext) => Promise<void>;

/** What the app gives every channel adapter: middleware in this order, then the error handler of users' turns. */
export interface BotPipeline {
  middleware: readonly Middleware[];
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
}

/** The one way to attach the app's pipeline to an adapter (in-process or not). */
export function attachPipeline(adapter: BotAdapter, pipeline: BotPipeline): void {
  for (const m of pipeline.middleware) adapter.use(m);
  adapter.onTurnError = pipeline.onTurnError;
}

export interface InProcessAdapterShape {
  channelId: string;
  /** Identifies conversations of this adapter in stored references (not a URL anyone calls). */
  serviceUrl: string;
  botAccount: ChannelAccount;
}

export abstract class InProcessAdapter extends BotAdapter {
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly botAccount: ChannelAccount;

  protected constructor(
    shape: InProcessAdapterShape,
    protected readonly bot: BotRunner,
    /** Installed first, so every turn of a conversation waits for the previous one. */
    turnSerializer: Middleware = new SerializeTurnsMiddleware(),
  ) {
    super();
    this.channelId = shape.channelId;
    this.serviceUrl = shape.serviceUrl;
    this.botAccount = shape.botAccount;
    this.use(turnSerializer);
  }

  /** Whether activities of this type are shown on the channel (the rest are answered with an empty id). */
  protected abstract shows(type: string): boolean;

  /** Delivers one outgoing activity through the channel's transport; returns the channel's id for it. */
  protected abstract deliver(conversationId: string, activity: Partial<Activity>, context: TurnContext): Promise<string | undefined>;

  /**
   * A user's turn: the bot (or `logic`) runs after the middleware; errors go to onTurnError. `prepare`
   * puts what the channel knows of the turn in its state first (the client's address, for web chat).
   */
  async runTurn(
    activity: Partial<Activity>,
    logic: BotLogic = (context) => this.bot.run(context),
    prepare?: (context: TurnContext) => void,
  ): Promise<TurnContext> {
    const context = new TurnContext(this, activity);
    prepare?.(context);
    await this.runMiddleware(context, logic);
    return context;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error(`${this.channelId}: cannot send without a conversation id`);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (!this.shows(activity.type ?? ActivityTypes.Message)) {
        responses.push({ id: '' });
        continue;
      }
      responses.push({ id: (await this.deliver(activity.conversation?.id ?? conversationId, activity, context)) ?? '' });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error(`${this.channelId}: sent messages cannot be edited`);
  }

  override async deleteActivity(): Promise<void> {
    throw new Error(`${this.channelId}: sent messages cannot be deleted`);
  }

  /**
   * A proactive turn (agent reply, expiry notice). Unlike a user's turn, a failure reaches the caller
   * instead of onTurnError: the caller must learn that the message was not delivered, and the user's
   * dialog must not be reset because of it.
   */
  override async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    this.checkOwnConversation(reference);
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      { ...reference, channelId: this.channelId, serviceUrl: this.serviceUrl },
      true,
    );
    const context = new TurnContext(this, activity);
    await this.middleware.run(context, () => logic(context));
  }

  /** A reference to a user's conversation, for code that starts messages (tests, notices). */
  referenceFor(conversationId: string, userId = conversationId): Partial<ConversationReference> {
    return {
      channelId: this.channelId,
      serviceUrl: this.serviceUrl,
      conversation: this.conversationAccount(conversationId),
      user: { id: userId, name: '' },
      bot: this.botAccount,
    };
  }

  /** Every conversation of these channels is a one-to-one chat. */
  protected conversationAccount(id: string): ConversationAccount {
    return { id, isGroup: false, conversationType: 'personal', name: '' };
  }

  /** Refuses a reference that belongs to another adapter with the same channel id (default: accept). */
  protected checkOwnConversation(_reference: Partial<ConversationReference>): void {}
}
