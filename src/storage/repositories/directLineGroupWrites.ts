// Group commit for the Direct Line log (knexDirectLineStore.ts). A web chat turn writes the user's held
// message, the bot's replies and the release of the hold; one at a time, each is a transaction of its own
// on SQLite's single writer (or a round trip or four on PostgreSQL). Here the writes asked for while a
// group is being written wait for it, then go together in one transaction: one statement takes the next
// sequence numbers of every conversation in the group, one inserts every activity, one releases every
// hold. Writes of one conversation keep their order (sequence numbers follow the order they were asked
// in). A write asked for while nothing is being written goes at once. If a group fails, its writes are
// done again one by one, so only the one at fault fails.
import type { Knex } from 'knex';
import { isPostgres, toJson } from '../dialect';

export interface NewLogActivity {
  conversationId: string;
  /** The user a conversation row started by this activity belongs to (a proactive send's recipient). */
  userIdIfNew: string;
  clientActivityId: string | null;
  body: string;
  bytes: number;
  heldUntil: string | null;
  createdAt: string;
}

export interface HoldRelease {
  conversationId: string;
  seq: number;
  body: string;
}

/** A conversation's counters after the group's activities were counted in. */
export interface BumpedConversation {
  watermark: number;
  bytes: number;
  count: number;
}

type Job =
  | { kind: 'append'; activity: NewLogActivity; resolve(seq: number): void; reject(error: unknown): void }
  | { kind: 'release'; release: HoldRelease; resolve(): void; reject(error: unknown): void };

export interface GroupWriteSteps {
  /** Written one by one when the group fails (the store's own single-write transactions). */
  appendAlone(activity: NewLogActivity): Promise<number>;
  releaseAlone(release: HoldRelease): Promise<void>;
  /** Rare cases inside the group's transaction: a conversation without a row, one past its budget. */
  bumpMissing(trx: Knex.Transaction, conversationId: string, count: number, bytes: number, userId: string): Promise<BumpedConversation>;
  trimIfOver(trx: Knex.Transaction, conversationId: string, counters: BumpedConversation): Promise<void>;
  /** "Used at" instants, strictly increasing within the process (the least recently used go first). */
  stamp(): string;
  /** After a group: the appended bytes count against the total budget. */
  afterAppend(conversationId: string, bytes: number): Promise<void>;
}

const MAX_GROUP = 200;

const BUMP_SQLITE = `
update directline_conversations
set watermark = watermark + s.n, activity_count = activity_count + s.n, bytes = bytes + s.b, last_used_at = s.u, dropped = 0
from (select value ->> '$.id' as id, value ->> '$.n' as n, value ->> '$.b' as b, value ->> '$.u' as u from json_each(?)) as s
where directline_conversations.id = s.id
returning directline_conversations.id as id, watermark, bytes, activity_count`;

const BUMP_POSTGRES = `
update directline_conversations as c
set watermark = c.watermark + s.n, activity_count = c.activity_count + s.n, bytes = c.bytes + s.b, last_used_at = s.u, dropped = false
from jsonb_to_recordset(?::jsonb) as s(id text, n integer, b integer, u timestamptz)
where c.id = s.id
returning c.id as id, c.watermark, c.bytes, c.activity_count`;

const RELEASE_SQLITE = `
update directline_activities set body = s.body, held_until = null
from (select value ->> '$.c' as c, value ->> '$.s' as seq, value ->> '$.body' as body from json_each(?)) as s
where directline_activities.conversation_id = s.c and directline_activities.seq = s.seq`;

const RELEASE_POSTGRES = `
update directline_activities as a set body = s.body, held_until = null
from jsonb_to_recordset(?::jsonb) as s(c text, s integer, body text)
where a.conversation_id = s.c and a.seq = s.s`;

export class DirectLineGroupWrites {
  private jobs: Job[] = [];
  private writing = false;

  constructor(
    private readonly db: Knex,
    private readonly steps: GroupWriteSteps,
  ) {}

  /** Appends an activity; resolves with its sequence number once written. */
  append(activity: NewLogActivity): Promise<number> {
    return new Promise<number>((resolve, reject) => this.push({ kind: 'append', activity, resolve, reject }));
  }

  release(release: HoldRelease): Promise<void> {
    return new Promise<void>((resolve, reject) => this.push({ kind: 'release', release, resolve, reject }));
  }

  private push(job: Job): void {
    this.jobs.push(job);
    if (!this.writing) void this.drain();
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.jobs.length > 0) {
        const group = this.jobs.splice(0, MAX_GROUP);
        try {
          const seqs = await this.writeTogether(group);
          group.forEach((job, i) => (job.kind === 'append' ? job.resolve(seqs[i]!) : job.resolve()));
        } catch {
          await this.writeOneByOne(group);
        }
        await this.countAppended(group);
      }
    } finally {
      this.writing = false;
    }
  }

  /** The group in one transaction; the sequence number of each append, by the job's place in the group. */
  private async writeTogether(group: Job[]): Promise<Array<number | undefined>> {
    const appends = group.flatMap((job) => (job.kind === 'append' ? [job.activity] : []));
    const releases = group.flatMap((job) => (job.kind === 'release' ? [job.release] : []));
    const postgres = isPostgres(this.db);
    return this.db.transaction(async (trx) => {
      const { bumped, totals } = await this.bump(trx, appends, postgres);
      // Sequence numbers: each conversation's new ones, in the order its activities were asked for.
      const next = new Map([...bumped].map(([id, counters]) => [id, counters.watermark - totals.get(id)!.n + 1]));
      const seqs = group.map((job) => {
        if (job.kind !== 'append') return undefined;
        const seq = next.get(job.activity.conversationId)!;
        next.set(job.activity.conversationId, seq + 1);
        return seq;
      });
      if (appends.length > 0) {
        const rows = group.flatMap((job, i) =>
          job.kind === 'append'
            ? [{
                conversation_id: job.activity.conversationId,
                seq: seqs[i],
                client_activity_id: job.activity.clientActivityId,
                body: job.activity.body,
                bytes: job.activity.bytes,
                held_until: job.activity.heldUntil,
                created_at: job.activity.createdAt,
              }]
            : [],
        );
        await trx('directline_activities').insert(rows);
        for (const [id, counters] of bumped) await this.steps.trimIfOver(trx, id, counters);
      }
      if (releases.length > 0) {
        await trx.raw(postgres ? RELEASE_POSTGRES : RELEASE_SQLITE, [toJson(releases.map((r) => ({ c: r.conversationId, s: r.seq, body: r.body })))]);
      }
      return seqs;
    });
  }

  /** Takes the group's sequence numbers: one statement for every conversation that has a row. */
  private async bump(
    trx: Knex.Transaction,
    appends: NewLogActivity[],
    postgres: boolean,
  ): Promise<{ bumped: Map<string, BumpedConversation>; totals: Map<string, { n: number; b: number; userId: string }> }> {
    const totals = new Map<string, { n: number; b: number; userId: string }>();
    const bumped = new Map<string, BumpedConversation>();
    if (appends.length === 0) return { bumped, totals };
    for (const a of appends) {
      const t = totals.get(a.conversationId) ?? { n: 0, b: 0, userId: a.userIdIfNew };
      t.n += 1;
      t.b += a.bytes;
      totals.set(a.conversationId, t);
    }
    const input = [...totals].map(([id, t]) => ({ id, n: t.n, b: t.b, u: this.steps.stamp() }));
    const result = (await trx.raw(postgres ? BUMP_POSTGRES : BUMP_SQLITE, [toJson(input)])) as { rows: Row[] } | Row[];
    for (const row of Array.isArray(result) ? result : result.rows) {
      bumped.set(String(row.id), { watermark: Number(row.watermark), bytes: Number(row.bytes), count: Number(row.activity_count) });
    }
    for (const [id, t] of totals) {
      // A proactive send to a conversation the log never had (or purged): it starts here.
      if (!bumped.has(id)) bumped.set(id, await this.steps.bumpMissing(trx, id, t.n, t.b, t.userId));
    }
    return { bumped, totals };
  }

  private async writeOneByOne(group: Job[]): Promise<void> {
    for (const job of group) {
      try {
        if (job.kind === 'append') job.resolve(await this.steps.appendAlone(job.activity));
        else {
          await this.steps.releaseAlone(job.release);
          job.resolve();
        }
      } catch (error) {
        job.reject(error);
      }
    }
  }

  private async countAppended(group: Job[]): Promise<void> {
    const bytesBy = new Map<string, number>();
    for (const job of group) if (job.kind === 'append') bytesBy.set(job.activity.conversationId, (bytesBy.get(job.activity.conversationId) ?? 0) + job.activity.bytes);
    for (const [conversationId, bytes] of bytesBy) await this.steps.afterAppend(conversationId, bytes).catch(() => undefined);
  }
}

type Row = Record<string, unknown>;
