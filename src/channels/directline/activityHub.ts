// Live delivery to open WebSocket streams: every activity appended to a conversation's log is published
// here; each stream of that conversation receives it with its watermark.
import { Activity } from 'botbuilder';

export type ActivityListener = (activity: Activity, watermark: number) => void;

export class ActivityHub {
  private readonly listeners = new Map<string, Set<ActivityListener>>();

  subscribe(conversationId: string, listener: ActivityListener): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) {
      set = new Set();
      this.listeners.set(conversationId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(conversationId) === set) this.listeners.delete(conversationId);
    };
  }

  publish(conversationId: string, activity: Activity, watermark: number): void {
    for (const listener of this.listeners.get(conversationId) ?? []) listener(activity, watermark);
  }

  subscriberCount(conversationId: string): number {
    return this.listeners.get(conversationId)?.size ?? 0;
  }
}
