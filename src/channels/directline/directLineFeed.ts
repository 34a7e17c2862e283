// Live delivery to this instance's open WebSocket streams. Whoever changes a conversation's log (this
// instance or another, through a signal that carries only the conversation's id) wakes the feed, which
// reads what is new from the shared log and gives each stream what it has not had yet, in order. Reading
// the log instead of passing activities along keeps held messages held, secrets redacted, and large
// activities whole, whichever instance wrote them.
import { Activity } from 'botbuilder';
import type { ActivityPage } from './directLineStore';

export type ActivityListener = (activity: Activity, watermark: number) => void;

interface Subscriber {
  /** The newest watermark this stream has had. */
  last: number;
  listener: ActivityListener;
}

interface Followed {
  subscribers: Set<Subscriber>;
  /** The read in progress; a wake during it asks for one more. */
  reading?: Promise<void>;
  again: boolean;
}

export class ConversationFeed {
  private readonly followed = new Map<string, Followed>();

  constructor(
    private readonly read: (conversationId: string, watermark: number) => Promise<ActivityPage>,
    private readonly onError: (conversationId: string, error: Error) => void,
  ) {}

  /** Sends the log after `watermark`, then what arrives, to `listener`; resolves once the backlog went out. */
  async follow(conversationId: string, watermark: number, listener: ActivityListener): Promise<() => void> {
    let followed = this.followed.get(conversationId);
    if (!followed) {
      followed = { subscribers: new Set(), again: false };
      this.followed.set(conversationId, followed);
    }
    const subscriber: Subscriber = { last: watermark, listener };
    followed.subscribers.add(subscriber);
    const unsubscribe = () => {
      followed.subscribers.delete(subscriber);
      if (followed.subscribers.size === 0 && !followed.reading && this.followed.get(conversationId) === followed) this.followed.delete(conversationId);
    };
    try {
      await this.pull(conversationId, followed);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Something changed in this conversation's log: streams following it here read what is new. */
  wake(conversationId: string): void {
    const followed = this.followed.get(conversationId);
    if (!followed) return;
    this.pull(conversationId, followed).catch((error: unknown) => this.onError(conversationId, error as Error));
  }

  subscriberCount(conversationId: string): number {
    return this.followed.get(conversationId)?.subscribers.size ?? 0;
  }

  private pull(conversationId: string, followed: Followed): Promise<void> {
    if (followed.reading) {
      followed.again = true;
      return followed.reading;
    }
    followed.reading = (async () => {
      do {
        followed.again = false;
        if (followed.subscribers.size === 0) return;
        const from = Math.min(...[...followed.subscribers].map((s) => s.last));
        const page = await this.read(conversationId, from);
        for (const subscriber of followed.subscribers) {
          for (const entry of page.entries) {
            if (entry.watermark <= subscriber.last) continue;
            subscriber.last = entry.watermark;
            subscriber.listener(entry.activity, entry.watermark);
          }
        }
      } while (followed.again);
    })().finally(() => {
      followed.reading = undefined;
      if (followed.subscribers.size === 0 && this.followed.get(conversationId) === followed) this.followed.delete(conversationId);
    });
    return followed.reading;
  }
}
