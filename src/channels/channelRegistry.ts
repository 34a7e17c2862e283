// Every channel adapter registers here under its channelId, so that code outside a turn
// (agent replies, SMS-less notices, handoff expiry) can reach a user on the channel they wrote from.
import { Activity, BotAdapter, ConversationReference, TurnContext } from 'botbuilder';

export class ChannelRegistry {
  private readonly adapters = new Map<string, BotAdapter>();

  register(channelId: string, adapter: BotAdapter): void {
    this.adapters.set(channelId, adapter);
  }

  adapterFor(channelId: string): BotAdapter | undefined {
    return this.adapters.get(channelId);
  }

  channels(): string[] {
    return [...this.adapters.keys()];
  }

  /** Runs logic in a proactive turn of the referenced conversation (throws when the channel is not running). */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const adapter = reference.channelId ? this.adapters.get(reference.channelId) : undefined;
    if (!adapter) throw new Error(`channel not running: ${reference.channelId ?? 'unknown'}`);
    await adapter.continueConversation(reference, logic);
  }

  /** Sends activities to the referenced conversation. */
  async send(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    await this.continueConversation(reference, async (context) => {
      await context.sendActivities(activities);
    });
  }
}
