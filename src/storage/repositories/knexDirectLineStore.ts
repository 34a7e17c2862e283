// The Direct Line log in the database, the same code on SQLite (one instance) and PostgreSQL (several):
// every instance reads and writes the same conversations, so no request has to reach the instance that
// started a chat. Appends and releases are written in groups, one transaction for all that were asked for
// while the last group was written (directLineGroupWrites.ts); the sequence numbers come from the
// conversation rows, so two instances appending at once never collide.
//
// The budget of the in-memory store it replaces holds here too: a conversation past its byte or count
// share loses its oldest activities (down to three quarters, so trimming is not paid on every append),
// and past the total the conversations used the longest ago lose their history and are marked dropped
// (a small row that lets their token re-attach them). The total is checked when a conversation starts
// or comes back, when this instance's own appends may have crossed it, and every `1/64` of the budget
// appended here, which covers what the other instances appended.
import type { Activity } from 'botbuilder';
import type { Knex } from 'knex';
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
} from '../../channels/directline/directLineStore';
import type { Clock } from '../../domain/clock';
import { fromBool, fromCount, fromInstant, toInstant } from '../dialect';
import { ReadCoalescer } from '../readCoalescer';
import { BumpedConversation, DirectLineGroupWrites, NewLogActivity } from './directLineGroupWrites';

const CONVERSATIONS = 'directline_conversations';
const ACTIVITIES = 'directline_activities';
/** Trimming and dropping go this far under the limit, so the next appends do not pay for it again. */
const TRIM_TO = 0.75;
const DROP_TO = 0.9;

type Row = Record<string, unknown>;

export function activityIdOf(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

function seqOf(conversationId: string, activityId: string): number | undefined {
  const prefix = `${conversationId}|`;
  if (!activityId.startsWith(prefix)) return undefined;
  const seq = Number(activityId.slice(prefix.length));
  return Number.isInteger(seq) && seq > 0 ? seq : undefined;
}

/** The stored JSON carries no id: it is the conversation's and the sequence number's. */
function bodyOf(activity: Partial<Activity>): string {
  const { id: _id, ...rest } = activity;
  return JSON.stringify(rest);
}

function clientIdOf(activity: Partial<Activity>): string | null {
  const id = (activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
  return typeof id === 'string' ? id.slice(0, 200) : null;
}

export class KnexDirectLineStore implements DirectLineStore {
  private readonly conversations: ReadCoalescer<Row>;
  /** Appends and releases, written in groups (directLineGroupWrites.ts). */
  private readonly writes: DirectLineGroupWrites;
  /** Bytes this instance appended since it last looked at the total. */
  private appendedSinceCheck = 0;
  /** The total as last seen, plus this instance's appends since. */
  private estimatedTotal = 0;
  private lastStamp = 0;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    readonly budget: StoreBudget = DEFAULT_STORE_BUDGET,
    /** Connections for reads (SQLite's readers never wait for the writer); the writer by default. */
    private readonly reads: Knex = db,
  ) {
    this.conversations = new ReadCoalescer((ids) => this.readConversations(ids));
    this.writes = new DirectLineGroupWrites(db, {
      appendAlone: (activity) => this.insertAlone(activity),
      releaseAlone: async (r) => {
        await this.db(ACTIVITIES).where({ conversation_id: r.conversationId, seq: r.seq }).update({ body: r.body, held_until: null });
      },
      bumpMissing: (trx, id, count, bytes, userId) => this.bumpMissing(trx, id, count, bytes, userId),
      trimIfOver: (trx, id, counters) => this.trimIfOver(trx, id, counters),
      stamp: () => this.stamp(),
      afterAppend: (id, bytes) => this.afterAppend(id, bytes),
    });
  }

  async getConversation(id: string): Promise<DirectLineConversation | undefined> {
    // Every post and every poll asks: coalesced with the other conversations' asks (readCoalescer.ts).
    const row = await this.conversations.read(id);
    return row ? { id: String(row.id), userId: String(row.user_id), createdAt: fromInstant(row.created_at), watermark: fromCount(row.watermark) } : undefined;
  }

  private async readConversations(ids: string[]): Promise<Map<string, Row>> {
    const rows = (await this.reads(CONVERSATIONS).select('id', 'user_id', 'created_at', 'watermark').whereIn('id', ids).andWhere({ dropped: false })) as Row[];
    return new Map(rows.map((row) => [String(row.id), row]));
  }

  async createConversation(conversation: { id: string; userId: string; createdAt: Date }): Promise<boolean> {
    const inserted = (await this.db(CONVERSATIONS)
      .insert(this.newRow(conversation.id, conversation.userId, conversation.createdAt))
      .onConflict('id')
      .ignore()
      .returning('id')) as unknown[];
    if (inserted.length === 0) return false;
    await this.enforceTotal(conversation.id);
    return true;
  }

  async reattach(id: string): Promise<boolean> {
    const row = (await this.db(CONVERSATIONS).select('dropped').where({ id }).first()) as Row | undefined;
    if (!row) return false;
    if (fromBool(row.dropped)) {
      await this.db(CONVERSATIONS).where({ id }).update({ dropped: false, last_used_at: this.stamp() });
      await this.enforceTotal(id);
    }
    return true;
  }

  append(conversationId: string, activity: Partial<Activity>): Promise<{ activity: StoredActivity; watermark: number }> {
    return this.insert(conversationId, activity, undefined);
  }

  hold(conversationId: string, activity: Partial<Activity>, holdMs: number): Promise<{ activity: StoredActivity; watermark: number }> {
    return this.insert(conversationId, activity, holdMs);
  }

  async release(conversationId: string, activity: StoredActivity): Promise<void> {
    const seq = seqOf(conversationId, activity.id);
    if (seq === undefined) return;
    // The bytes were counted for the typed text when it was held; "[oculto]" is never longer.
    await this.writes.release({ conversationId, seq, body: bodyOf(activity) });
  }

  async activitiesAfter(conversationId: string, watermark: number): Promise<ActivityPage> {
    const rows = (await this.reads(`${CONVERSATIONS} as c`)
      .leftJoin(`${ACTIVITIES} as a`, (join) => {
        join.on('a.conversation_id', '=', 'c.id').andOn('a.seq', '>', this.reads.raw('?', [watermark]));
      })
      .where('c.id', conversationId)
      .select('c.watermark as top', 'a.seq', 'a.body', 'a.held_until')
      .orderBy('a.seq', 'asc')) as Row[];
    if (rows.length === 0) return { entries: [], watermark };
    const now = this.clock.now().getTime();
    const entries: ActivityPage['entries'] = [];
    for (const row of rows) {
      if (row.seq === null || row.seq === undefined) continue;
      const seq = fromCount(row.seq);
      if (row.held_until !== null && row.held_until !== undefined) {
        // Held: nothing from here on is shown yet. A hold past its time belongs to an instance that died
        // mid-turn; its message is left out (it may have been a secret) and the rest is shown.
        if (fromInstant(row.held_until).getTime() > now) {
          return { entries, watermark: entries.at(-1)?.watermark ?? watermark };
        }
        continue;
      }
      entries.push({ activity: { ...(JSON.parse(String(row.body)) as Partial<Activity>), id: activityIdOf(conversationId, seq) } as Activity, watermark: seq });
    }
    return { entries, watermark: Math.max(fromCount(rows[0]!.top), watermark) };
  }

  async findByClientActivityId(conversationId: string, clientActivityId: string): Promise<Activity | undefined> {
    const row = (await this.reads(ACTIVITIES)
      .select('seq', 'body')
      .where({ conversation_id: conversationId, client_activity_id: clientActivityId })
      .first()) as Row | undefined;
    if (!row) return undefined;
    return { ...(JSON.parse(String(row.body)) as Partial<Activity>), id: activityIdOf(conversationId, fromCount(row.seq)) } as Activity;
  }

  async advanceWatermark(conversationId: string, watermark: number): Promise<void> {
    await this.db(CONVERSATIONS).where('id', conversationId).andWhere('watermark', '<', watermark).update({ watermark });
  }

  async usage(): Promise<StoreUsage> {
    const row = (await this.db(CONVERSATIONS).where({ dropped: false }).count({ n: '*' }).sum({ bytes: 'bytes' }).first()) as Row | undefined;
    return { conversations: fromCount(row?.n), bytes: fromCount(row?.bytes) };
  }

  private newRow(id: string, userId: string, createdAt: Date): Row {
    return {
      id,
      user_id: userId,
      created_at: toInstant(createdAt),
      last_used_at: this.stamp(),
      watermark: 0,
      activity_count: 0,
      bytes: CONVERSATION_OVERHEAD_BYTES,
      dropped: false,
    };
  }

  /**
   * "Used at" instants strictly increasing within this process, so the least recently used order holds
   * even between two appends in the same millisecond (or under a test's clock that does not move).
   */
  private stamp(): string {
    this.lastStamp = Math.max(this.clock.now().getTime(), this.lastStamp + 1);
    return toInstant(new Date(this.lastStamp));
  }

  private async insert(conversationId: string, activity: Partial<Activity>, holdMs: number | undefined): Promise<{ activity: StoredActivity; watermark: number }> {
    // The id has the same length whatever the sequence number (up to 9,999,999), so the bytes are known first.
    const bytes = activityBytes({ ...activity, id: activityIdOf(conversationId, 1) });
    const held = holdMs !== undefined;
    const now = this.clock.now();
    const seq = await this.writes.append({
      conversationId,
      userIdIfNew: activity.recipient?.id ?? '',
      clientActivityId: clientIdOf(activity),
      body: bodyOf(held ? { ...activity, text: undefined } : activity),
      bytes,
      heldUntil: held ? toInstant(new Date(now.getTime() + holdMs)) : null,
      createdAt: toInstant(now),
    });
    return { activity: { ...activity, id: activityIdOf(conversationId, seq) } as StoredActivity, watermark: seq };
  }

  /** One activity in a transaction of its own (a group that failed is written again this way). */
  private async insertAlone(a: NewLogActivity): Promise<number> {
    return this.db.transaction(async (trx) => {
      const counters = (await this.bump(trx, a.conversationId, a.bytes, 1)) ?? (await this.bumpMissing(trx, a.conversationId, 1, a.bytes, a.userIdIfNew));
      await trx(ACTIVITIES).insert({
        conversation_id: a.conversationId,
        seq: counters.watermark,
        client_activity_id: a.clientActivityId,
        body: a.body,
        bytes: a.bytes,
        held_until: a.heldUntil,
        created_at: a.createdAt,
      });
      await this.trimIfOver(trx, a.conversationId, counters);
      return counters.watermark;
    });
  }

  /** A conversation this log never had (or purged) starts with a proactive send: its row, then its counters. */
  private async bumpMissing(trx: Knex.Transaction, id: string, count: number, bytes: number, userId: string): Promise<BumpedConversation> {
    await trx(CONVERSATIONS).insert(this.newRow(id, userId, this.clock.now())).onConflict('id').ignore();
    const counters = await this.bump(trx, id, bytes, count);
    if (!counters) throw new Error('directline conversation row missing after insert');
    return counters;
  }

  private async trimIfOver(trx: Knex.Transaction, conversationId: string, counters: BumpedConversation): Promise<void> {
    if (counters.bytes > this.budget.maxBytesPerConversation || counters.count > this.budget.maxActivitiesPerConversation) {
      await this.trim(trx, conversationId);
    }
  }

  /** Takes the next `count` sequence numbers and counts the activities; undefined when the conversation has no row. */
  private async bump(trx: Knex.Transaction, id: string, bytes: number, count: number): Promise<BumpedConversation | undefined> {
    const rows = (await trx(CONVERSATIONS)
      .where({ id })
      .update({
        watermark: trx.raw('watermark + ?', [count]),
        activity_count: trx.raw('activity_count + ?', [count]),
        bytes: trx.raw('bytes + ?', [bytes]),
        last_used_at: this.stamp(),
        dropped: false,
      })
      .returning(['watermark', 'bytes', 'activity_count'])) as Row[];
    const row = rows[0];
    return row ? { watermark: fromCount(row.watermark), bytes: fromCount(row.bytes), count: fromCount(row.activity_count) } : undefined;
  }

  /** Oldest activities go first; the newest one always stays, so the client can see what just happened. */
  private async trim(trx: Knex.Transaction, conversationId: string): Promise<void> {
    const rows = (await trx(ACTIVITIES).select('seq', 'bytes').where({ conversation_id: conversationId }).orderBy('seq', 'desc')) as Row[];
    const maxBytes = this.budget.maxBytesPerConversation * TRIM_TO;
    const maxCount = Math.max(1, Math.floor(this.budget.maxActivitiesPerConversation * TRIM_TO));
    let keptBytes = CONVERSATION_OVERHEAD_BYTES;
    let kept = 0;
    let cut: number | undefined;
    for (const row of rows) {
      const size = fromCount(row.bytes);
      if (kept >= 1 && (kept + 1 > maxCount || keptBytes + size > maxBytes)) {
        cut = fromCount(row.seq);
        break;
      }
      kept += 1;
      keptBytes += size;
    }
    if (cut === undefined) return;
    await trx(ACTIVITIES).where({ conversation_id: conversationId }).andWhere('seq', '<=', cut).delete();
    await trx(CONVERSATIONS).where({ id: conversationId }).update({ bytes: keptBytes, activity_count: kept });
  }

  private async afterAppend(conversationId: string, bytes: number): Promise<void> {
    this.appendedSinceCheck += bytes;
    this.estimatedTotal += bytes;
    const checkEvery = Math.max(1, Math.floor(this.budget.maxTotalBytes / 64));
    if (this.estimatedTotal > this.budget.maxTotalBytes || this.appendedSinceCheck >= checkEvery) await this.enforceTotal(conversationId);
  }

  /**
   * Past the total (bytes or conversations), the conversations used the longest ago lose their history
   * (`keep`, the one just used, never does); dropped rows beyond four times the conversation limit go.
   */
  private async enforceTotal(keep: string): Promise<void> {
    this.appendedSinceCheck = 0;
    const usage = await this.usage();
    this.estimatedTotal = usage.bytes;
    const { maxConversations, maxTotalBytes } = this.budget;
    if (usage.conversations > maxConversations || usage.bytes > maxTotalBytes) {
      let conversations = usage.conversations;
      let total = usage.bytes;
      const victims: string[] = [];
      const candidates = (await this.db(CONVERSATIONS)
        .select('id', 'bytes')
        .where({ dropped: false })
        .andWhereNot('id', keep)
        .orderBy('last_used_at', 'asc')
        .limit(Math.max(conversations - maxConversations, 0) + 500)) as Row[];
      for (const row of candidates) {
        if (conversations <= maxConversations && total <= maxTotalBytes * DROP_TO) break;
        victims.push(String(row.id));
        conversations -= 1;
        total -= fromCount(row.bytes);
      }
      await this.drop(victims);
      this.estimatedTotal = total;
    }
    const dropped = (await this.db(CONVERSATIONS).where({ dropped: true }).count({ n: '*' }).first()) as Row | undefined;
    const excess = fromCount(dropped?.n) - maxConversations * 4;
    if (excess > 0) {
      const oldest = this.db(CONVERSATIONS).select('id').where({ dropped: true }).orderBy('last_used_at', 'asc').limit(excess);
      await this.db(CONVERSATIONS).whereIn('id', oldest).delete();
    }
  }

  private async drop(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      await this.db.transaction(async (trx) => {
        await trx(ACTIVITIES).whereIn('conversation_id', chunk).delete();
        await trx(CONVERSATIONS).whereIn('id', chunk).update({ dropped: true, bytes: CONVERSATION_OVERHEAD_BYTES, activity_count: 0 });
      });
    }
  }
}
