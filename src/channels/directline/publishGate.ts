// Holds a conversation's new activities back from clients while the user's message is being handled, so
// that when the bot marks that message as a secret (password, one-time code) the copy clients get says
// "[oculto]" instead. Everything is already in the log, in order; only its publication waits.
import { ActivityHub } from './activityHub';
import { StoredActivity } from './directLineStore';

interface HeldConversation {
  holders: number;
  queue: { activity: StoredActivity; watermark: number }[];
  rewrites: Map<string, StoredActivity>;
}

export interface Hold {
  /** Publishes this activity in place of the held one with the same id. */
  replace(activity: StoredActivity): void;
  /** Ends this hold; the last one to end publishes everything queued, in order. */
  release(): void;
}

export class PublishGate {
  private readonly held = new Map<string, HeldConversation>();

  constructor(private readonly hub: ActivityHub) {}

  publish(conversationId: string, activity: StoredActivity, watermark: number): void {
    const held = this.held.get(conversationId);
    if (held) held.queue.push({ activity, watermark });
    else this.hub.publish(conversationId, activity, watermark);
  }

  hold(conversationId: string): Hold {
    let held = this.held.get(conversationId);
    if (!held) {
      held = { holders: 0, queue: [], rewrites: new Map() };
      this.held.set(conversationId, held);
    }
    const current = held;
    current.holders += 1;
    let released = false;
    return {
      replace: (activity) => current.rewrites.set(activity.id, activity),
      release: () => {
        if (released) return;
        released = true;
        current.holders -= 1;
        if (current.holders > 0) return;
        this.held.delete(conversationId);
        for (const { activity, watermark } of current.queue) {
          this.hub.publish(conversationId, current.rewrites.get(activity.id) ?? activity, watermark);
        }
      },
    };
  }

  /** Watermark of the first activity not yet published (undefined when nothing is held). */
  firstHeldWatermark(conversationId: string): number | undefined {
    return this.held.get(conversationId)?.queue[0]?.watermark;
  }
}
