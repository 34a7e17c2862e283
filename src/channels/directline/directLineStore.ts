// The Direct Line conversations and their activity log (what Web Chat shows and replays on reload).
// Watermarks are per-conversation sequence numbers; activity ids are "<conversationId>|<seq>" like the
// Azure service's. The in-memory store keeps the log for the life of the process: a page reload resumes
// with its history; after a server restart the bot's own state (Knex) still continues the dialog, and a
// client that comes back is re-attached to its conversation (see DirectLineChannel.attach).
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

export interface DirectLineStore {
  getConversation(id: string): Promise<DirectLineConversation | undefined>;
  /** Creates the conversation; returns false when it already existed. */
  createConversation(conversation: { id: string; userId: string; createdAt: Date }): Promise<boolean>;
  /** Appends an activity, giving it its id; creates the conversation if it is unknown (proactive send after a restart). */
  append(conversationId: string, activity: Partial<Activity>): Promise<{ activity: StoredActivity; watermark: number }>;
  /** Activities with a sequence number above watermark, oldest first. */
  activitiesAfter(conversationId: string, watermark: number): Promise<ActivityPage>;
  findByClientActivityId(conversationId: string, clientActivityId: string): Promise<Activity | undefined>;
  /** Replaces the text of a logged activity (a secret the user typed); returns the new version. */
  replaceText(conversationId: string, activityId: string, text: string): Promise<StoredActivity | undefined>;
  /** Moves the sequence forward to at least `watermark`, so a client that knew a longer log misses nothing new. */
  advanceWatermark(conversationId: string, watermark: number): Promise<void>;
}

interface MemoryConversation extends DirectLineConversation {
  log: { seq: number; activity: StoredActivity }[];
  lastUsed: number;
}

export class InMemoryDirectLineStore implements DirectLineStore {
  private readonly conversations = new Map<string, MemoryConversation>();

  constructor(
    private readonly limits: { maxConversations: number; maxActivitiesPerConversation: number } = {
      maxConversations: 5000,
      maxActivitiesPerConversation: 1000,
    },
  ) {}

  async getConversation(id: string): Promise<DirectLineConversation | undefined> {
    const found = this.touch(id);
    return found ? { id: found.id, userId: found.userId, createdAt: found.createdAt, watermark: found.watermark } : undefined;
  }

  async createConversation(conversation: { id: string; userId: string; createdAt: Date }): Promise<boolean> {
    if (this.conversations.has(conversation.id)) return false;
    this.evictIfFull();
    this.conversations.set(conversation.id, { ...conversation, watermark: 0, log: [], lastUsed: Date.now() });
    return true;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<{ activity: StoredActivity; watermark: number }> {
    let conversation = this.touch(conversationId);
    if (!conversation) {
      await this.createConversation({ id: conversationId, userId: activity.recipient?.id ?? '', createdAt: new Date() });
      conversation = this.touch(conversationId)!;
    }
    const seq = conversation.watermark + 1;
    conversation.watermark = seq;
    const stored = { ...activity, id: `${conversationId}|${String(seq).padStart(7, '0')}` } as StoredActivity;
    conversation.log.push({ seq, activity: stored });
    if (conversation.log.length > this.limits.maxActivitiesPerConversation) conversation.log.shift();
    return { activity: stored, watermark: seq };
  }

  async activitiesAfter(conversationId: string, watermark: number): Promise<ActivityPage> {
    const conversation = this.touch(conversationId);
    if (!conversation) return { entries: [], watermark };
    const entries = conversation.log
      .filter((entry) => entry.seq > watermark)
      .map((entry) => ({ activity: entry.activity, watermark: entry.seq }));
    return { entries, watermark: Math.max(conversation.watermark, watermark) };
  }

  async findByClientActivityId(conversationId: string, clientActivityId: string): Promise<Activity | undefined> {
    const conversation = this.conversations.get(conversationId);
    return conversation?.log.find(
      (entry) => (entry.activity.channelData as { clientActivityID?: string } | undefined)?.clientActivityID === clientActivityId,
    )?.activity;
  }

  async replaceText(conversationId: string, activityId: string, text: string): Promise<StoredActivity | undefined> {
    const entry = this.conversations.get(conversationId)?.log.find((e) => e.activity.id === activityId);
    if (!entry) return undefined;
    entry.activity = { ...entry.activity, text } as StoredActivity;
    return entry.activity as StoredActivity;
  }

  async advanceWatermark(conversationId: string, watermark: number): Promise<void> {
    const conversation = this.conversations.get(conversationId);
    if (conversation && watermark > conversation.watermark) conversation.watermark = watermark;
  }

  private touch(id: string): MemoryConversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) conversation.lastUsed = Date.now();
    return conversation;
  }

  /** Drops the conversation idle the longest, so the process memory stays bounded. */
  private evictIfFull(): void {
    if (this.conversations.size < this.limits.maxConversations) return;
    let oldest: MemoryConversation | undefined;
    for (const conversation of this.conversations.values()) {
      if (!oldest || conversation.lastUsed < oldest.lastUsed) oldest = conversation;
    }
    if (oldest) this.conversations.delete(oldest.id);
  }
}
