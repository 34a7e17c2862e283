// The Direct Line store of a single instance: everything in this process's memory, within its budget.
// Conversations are kept in least-recently-used order (a Map re-inserted on use), so dropping the idle
// ones is cheap; the ids it dropped are remembered (a few bytes each, bounded) so their clients are
// re-attached instead of told the conversation does not exist.
import { Activity } from 'botbuilder';
import { BoundedMap } from '../../domain/boundedMap';
import {
  ActivityPage,
  CONVERSATION_OVERHEAD_BYTES,
  DEFAULT_STORE_BUDGET,
  DirectLineConversation,
  DirectLineStore,
  StoreBudget,
  StoreUsage,
  StoredActivity,
  activityBytes,
} from './directLineStore';

interface MemoryConversation extends DirectLineConversation {
  log: { seq: number; activity: StoredActivity; bytes: number }[];
  bytes: number;
}

interface Dropped {
  userId: string;
  createdAt: Date;
  watermark: number;
}

export class InMemoryDirectLineStore implements DirectLineStore {
  private readonly conversations = new Map<string, MemoryConversation>();
  private readonly dropped: BoundedMap<string, Dropped>;
  private totalBytes = 0;

  constructor(readonly budget: StoreBudget = DEFAULT_STORE_BUDGET) {
    this.dropped = new BoundedMap(Math.max(1, budget.maxConversations * 4));
  }

  async getConversation(id: string): Promise<DirectLineConversation | undefined> {
    const found = this.touch(id);
    return found ? { id: found.id, userId: found.userId, createdAt: found.createdAt, watermark: found.watermark } : undefined;
  }

  async createConversation(conversation: { id: string; userId: string; createdAt: Date }): Promise<boolean> {
    if (this.conversations.has(conversation.id)) return false;
    this.add({ ...conversation, watermark: 0 });
    return true;
  }

  async reattach(id: string): Promise<boolean> {
    if (this.conversations.has(id)) return true;
    const dropped = this.dropped.get(id);
    if (!dropped) return false;
    this.add({ id, ...dropped });
    return true;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<{ activity: StoredActivity; watermark: number }> {
    let conversation = this.touch(conversationId);
    if (!conversation) {
      const dropped = this.dropped.get(conversationId);
      conversation = this.add({ id: conversationId, userId: dropped?.userId ?? activity.recipient?.id ?? '', createdAt: dropped?.createdAt ?? new Date(), watermark: dropped?.watermark ?? 0 });
    }
    const seq = conversation.watermark + 1;
    conversation.watermark = seq;
    const stored = { ...activity, id: `${conversationId}|${String(seq).padStart(7, '0')}` } as StoredActivity;
    const bytes = activityBytes(stored);
    conversation.log.push({ seq, activity: stored, bytes });
    this.resize(conversation, bytes);
    this.trim(conversation);
    this.dropIdleBeyondBudget(conversation.id);
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
    const conversation = this.conversations.get(conversationId);
    const entry = conversation?.log.find((e) => e.activity.id === activityId);
    if (!conversation || !entry) return undefined;
    entry.activity = { ...entry.activity, text } as StoredActivity;
    const bytes = activityBytes(entry.activity);
    this.resize(conversation, bytes - entry.bytes);
    entry.bytes = bytes;
    return entry.activity;
  }

  async advanceWatermark(conversationId: string, watermark: number): Promise<void> {
    const conversation = this.conversations.get(conversationId);
    if (conversation && watermark > conversation.watermark) conversation.watermark = watermark;
  }

  async usage(): Promise<StoreUsage> {
    return { conversations: this.conversations.size, bytes: this.totalBytes };
  }

  private add(conversation: DirectLineConversation): MemoryConversation {
    while (this.conversations.size >= this.budget.maxConversations) this.dropOldest();
    const created: MemoryConversation = { ...conversation, log: [], bytes: 0 };
    this.conversations.set(conversation.id, created);
    this.dropped.delete(conversation.id);
    this.resize(created, CONVERSATION_OVERHEAD_BYTES);
    return created;
  }

  private touch(id: string): MemoryConversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) {
      this.conversations.delete(id);
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  private resize(conversation: MemoryConversation, delta: number): void {
    conversation.bytes += delta;
    this.totalBytes += delta;
  }

  /** Oldest activities go first; the newest one always stays, so the client can see what just happened. */
  private trim(conversation: MemoryConversation): void {
    while (
      conversation.log.length > 1 &&
      (conversation.log.length > this.budget.maxActivitiesPerConversation || conversation.bytes > this.budget.maxBytesPerConversation)
    ) {
      const oldest = conversation.log.shift()!;
      this.resize(conversation, -oldest.bytes);
    }
  }

  private dropIdleBeyondBudget(keep: string): void {
    while (this.totalBytes > this.budget.maxTotalBytes && this.conversations.size > 1) {
      const oldest = this.conversations.keys().next().value as string;
      if (oldest === keep) break;
      this.dropOldest();
    }
  }

  private dropOldest(): void {
    const oldest = this.conversations.values().next().value as MemoryConversation | undefined;
    if (!oldest) return;
    this.conversations.delete(oldest.id);
    this.totalBytes -= oldest.bytes;
    this.dropped.set(oldest.id, { userId: oldest.userId, createdAt: oldest.createdAt, watermark: oldest.watermark });
  }
}
