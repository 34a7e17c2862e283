// The Direct Line conversations and their activity log (what Web Chat shows and replays on reload).
// Watermarks are per-conversation sequence numbers; activity ids are "<conversationId>|<seq>" like the
// Azure service's. The log lives in the database (src/storage/repositories/knexDirectLineStore.ts), so
// every instance serves every conversation: a page reload resumes with its history, on any instance.
//
// Every store works within a StoreBudget: a conversation's history is trimmed (oldest first) past its byte
// share, and the store as a whole drops the conversations idle the longest past its total. A dropped
// conversation is re-attached, not refused, when its client comes back (`reattach`): clients can fill
// memory only up to the budget, and a flood of new conversations cannot end someone else's.
import { Activity } from 'botbuilder';

export type StoredActivity = Activity & { id: string };

export interface DirectLineConversation {
  id: string;
  userId: string;
  createdAt: Date;
  /** Sequence number of the newest activity (0 when empty). */
  watermark: number;
}

export interface ActivityPage {
  /** Oldest first, each with the watermark that follows it. */
  entries: { activity: Activity; watermark: number }[];
  /** The watermark to ask from next time. */
  watermark: number;
}

export interface StoreBudget {
  maxConversations: number;
  maxActivitiesPerConversation: number;
  /** A conversation's history past this many bytes loses its oldest activities. */
  maxBytesPerConversation: number;
  /** Past this many bytes in all, the conversations idle the longest are dropped (and may be re-attached). */
  maxTotalBytes: number;
}

export const DEFAULT_STORE_BUDGET: StoreBudget = {
  maxConversations: 5000,
  maxActivitiesPerConversation: 500,
  maxBytesPerConversation: 256 * 1024,
  maxTotalBytes: 48 * 1024 * 1024,
};

export interface StoreUsage {
  conversations: number;
  /** Bytes counted against the budget: the activities as JSON plus a fixed cost per conversation. */
  bytes: number;
}

export interface DirectLineStore {
  readonly budget: StoreBudget;
  getConversation(id: string): Promise<DirectLineConversation | undefined>;
  /** Creates the conversation; returns false when it already existed. */
  createConversation(conversation: { id: string; userId: string; createdAt: Date }): Promise<boolean>;
  /**
   * Brings back a conversation this store dropped to stay within its budget (history gone, sequence kept);
   * false when the store never had it, so a conversation nobody started is still unknown.
   */
  reattach(id: string): Promise<boolean>;
  /** Appends an activity, giving it its id; creates the conversation if it is unknown (proactive send after a restart). */
  append(conversationId: string, activity: Partial<Activity>): Promise<{ activity: StoredActivity; watermark: number }>;
  /**
   * Appends the user's message held back: it takes its place in the sequence, but its text is not stored
   * and no reader sees it, nor anything after it, until `release` (or until `holdMs` pass, when the
   * instance holding it died). A secret the user typed is so never written anywhere in clear.
   */
  hold(conversationId: string, activity: Partial<Activity>, holdMs: number): Promise<{ activity: StoredActivity; watermark: number }>;
  /** Ends a hold with the text clients may see (the typed one, or "[oculto]" for a secret). */
  release(conversationId: string, activity: StoredActivity): Promise<void>;
  /** Activities with a sequence number above watermark, oldest first, up to the first one held back. */
  activitiesAfter(conversationId: string, watermark: number): Promise<ActivityPage>;
  findByClientActivityId(conversationId: string, clientActivityId: string): Promise<Activity | undefined>;
  /** Moves the sequence forward to at least `watermark`, so a client that knew a longer log misses nothing new. */
  advanceWatermark(conversationId: string, watermark: number): Promise<void>;
  usage(): Promise<StoreUsage>;
}

/** What a conversation costs besides its activities (ids, dates, the map entry). */
export const CONVERSATION_OVERHEAD_BYTES = 512;

export function activityBytes(activity: Partial<Activity>): number {
  return Buffer.byteLength(JSON.stringify(activity));
}
