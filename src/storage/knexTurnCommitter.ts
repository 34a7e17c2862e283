// Group commit for the turns' writes (docs/architecture.md, How a turn runs). Every turn ends with a write
// (its transcript lines, often its bot state); written one turn at a time they queue behind each other on
// SQLite's single writer connection and cost PostgreSQL a round trip or three each. Here the turns that
// finish while a write is running wait for it, then go together: one transaction, one compare-and-set
// statement for all their states, one insert for all their lines. A turn that finishes while nothing is
// being written goes at once, so a quiet server adds no latency. If the group fails (one stale state
// refuses the whole transaction), each turn of it is written again on its own, so only that turn fails.
import type { StoreItem } from 'botbuilder';
import type { Knex } from 'knex';
import type { NewTranscriptEntry, TranscriptEntry } from '../domain/handoffTranscript';
import type { ConversationReferenceRecord } from '../domain/model';
import { isPostgres } from './dialect';
import { writeStateRow } from './knexStorage';
import { writeStatesAndLinesAtOnce } from './postgresTurnWrite';
import { upsertReferenceRow } from './repositories/knexConversationReferenceRepository';
import { insertTranscriptEntries } from './repositories/knexHandoffTranscriptRepository';
import { updateComparedStates } from './stateCompareAndSet';

/** What one turn writes. */
export interface TurnWriteSet {
  /** Bot state by key, each with the eTag it was loaded with. */
  states: Map<string, StoreItem>;
  /** Groups of transcript lines, in the order the turn added them. */
  transcripts: NewTranscriptEntry[][];
  references: ConversationReferenceRecord[];
}

export interface TurnWritten {
  eTags: Map<string, string>;
  /** The stored lines of each group of `transcripts`, with their ids. */
  stored: TranscriptEntry[][];
}

export interface TurnCommitter {
  write(set: TurnWriteSet): Promise<TurnWritten>;
}

interface Waiting {
  set: TurnWriteSet;
  resolve(written: TurnWritten): void;
  reject(error: unknown): void;
}

export interface TurnCommitterOptions {
  /** Most turns in one transaction (bounds a statement's parameters and a failed group's rewrite). */
  maxGroup?: number;
  /**
   * Groups written at once. One on both engines: SQLite has one writer anyway, and on PostgreSQL bigger
   * groups measured better than two smaller ones in flight (README, performance).
   */
  parallel?: number;
}

export class KnexTurnCommitter implements TurnCommitter {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private readonly maxGroup: number;
  private readonly parallel: number;

  constructor(
    private readonly knex: Knex,
    private readonly now: () => Date = () => new Date(),
    options: TurnCommitterOptions = {},
  ) {
    this.maxGroup = options.maxGroup ?? 64;
    this.parallel = options.parallel ?? 1;
  }

  write(set: TurnWriteSet): Promise<TurnWritten> {
    if (set.states.size === 0 && set.transcripts.length === 0 && set.references.length === 0) {
      return Promise.resolve({ eTags: new Map(), stored: [] });
    }
    return new Promise<TurnWritten>((resolve, reject) => {
      this.waiting.push({ set, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.parallel && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.running += 1;
      void this.writeGroup(group).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  /** The next turns in arrival order, stopping before a state key already in the group (never two turns of one conversation together). */
  private takeGroup(): Waiting[] {
    const keys = new Set<string>();
    let count = 0;
    while (count < this.waiting.length && count < this.maxGroup) {
      const stateKeys = [...this.waiting[count]!.set.states.keys()];
      if (stateKeys.some((key) => keys.has(key))) break;
      for (const key of stateKeys) keys.add(key);
      count += 1;
    }
    return this.waiting.splice(0, Math.max(count, 1));
  }

  private async writeGroup(group: Waiting[]): Promise<void> {
    if (group.length > 1) {
      try {
        const written = await this.writeTogether(group.map((w) => w.set));
        group.forEach((w, i) => w.resolve(written[i]!));
        return;
      } catch {
        // One stale state (or any other refusal) fails the group's transaction: each turn on its own
        // below, so only the turn at fault gets the error.
      }
    }
    for (const w of group) {
      try {
        w.resolve(await this.writeAlone(w.set));
      } catch (error) {
        w.reject(error);
      }
    }
  }

  /** Several turns in one transaction: states compared and set by one statement, all lines by one insert. */
  private async writeTogether(sets: TurnWriteSet[]): Promise<TurnWritten[]> {
    if (sets.every((set) => set.states.size === 0 && set.references.length === 0)) {
      // Only lines: one insert is atomic by itself.
      return splitWritten(sets, new Map(), await insertTranscriptEntries(this.knex, sets.flatMap((set) => set.transcripts.flat())));
    }
    const atOnce = await this.statesAndLinesAtOnce(sets);
    if (atOnce) return atOnce;
    const at = this.now();
    return this.knex.transaction(async (trx) => {
      const compared = new Map<string, StoreItem>();
      const eTags = new Map<string, string>();
      for (const set of sets) {
        for (const [key, item] of set.states) {
          if (isCompared(item)) compared.set(key, item);
          else eTags.set(key, await writeStateRow(trx, key, item, at));
        }
      }
      if (compared.size > 0) {
        const written = await updateComparedStates(trx, compared, at);
        for (const [key, item] of compared) {
          // Not updated: stale (writeStateRow throws, and the group is written again turn by turn) or
          // never stored (a conversation's first save: it inserts the row).
          eTags.set(key, written.get(key) ?? (await writeStateRow(trx, key, item, at)));
        }
      }
      const all = await insertTranscriptEntries(trx, sets.flatMap((set) => set.transcripts.flat()));
      for (const set of sets) for (const record of set.references) await upsertReferenceRow(trx, record);
      return splitWritten(sets, eTags, all);
    });
  }

  /**
   * PostgreSQL, turns with compared states and lines and nothing else: one statement for all of them
   * (postgresTurnWrite.ts); undefined, with nothing written, when that does not apply or a state changed.
   */
  private async statesAndLinesAtOnce(sets: TurnWriteSet[]): Promise<TurnWritten[] | undefined> {
    if (!isPostgres(this.knex) || sets.some((set) => set.references.length > 0)) return undefined;
    const states = new Map(sets.flatMap((set) => [...set.states]));
    if (states.size === 0) return undefined;
    const groups = sets.flatMap((set) => set.transcripts);
    const written = await writeStatesAndLinesAtOnce(this.knex, states, groups.flat(), this.now());
    return written && splitWritten(sets, written.eTags, written.stored);
  }

  /** One turn: the fewest round trips its writes allow. */
  private async writeAlone(set: TurnWriteSet): Promise<TurnWritten> {
    const eTags = new Map<string, string>();
    const stored: TranscriptEntry[][] = [];
    if (set.states.size === 0 && set.references.length === 0 && set.transcripts.length === 1) {
      // Only the turn's transcript lines (state and reference unchanged, the usual turn): one insert is
      // atomic by itself, and BEGIN and COMMIT would be two more round trips to PostgreSQL.
      stored.push(await insertTranscriptEntries(this.knex, set.transcripts[0]!));
      return { eTags, stored };
    }
    const atOnce = await this.statesAndLinesAtOnce([set]);
    if (atOnce) return atOnce[0]!;
    await this.knex.transaction(async (trx) => {
      const at = this.now();
      for (const [key, item] of set.states) eTags.set(key, await writeStateRow(trx, key, item, at));
      for (const entries of set.transcripts) stored.push(await insertTranscriptEntries(trx, entries));
      for (const record of set.references) await upsertReferenceRow(trx, record);
    });
    return { eTags, stored };
  }
}

/** Each turn's eTags and stored lines, from the group's (lines in the order of the turns and their groups). */
function splitWritten(sets: TurnWriteSet[], eTags: Map<string, string>, all: TranscriptEntry[]): TurnWritten[] {
  let offset = 0;
  return sets.map((set) => ({
    eTags: new Map([...set.states.keys()].map((key) => [key, eTags.get(key)!])),
    stored: set.transcripts.map((entries) => {
      const stored = all.slice(offset, offset + entries.length);
      offset += entries.length;
      return stored;
    }),
  }));
}

/** A state saved against the eTag it was loaded with (not a first save, not '*'). */
function isCompared(item: StoreItem): boolean {
  const expected = (item as { eTag?: unknown }).eTag;
  return typeof expected === 'string' && expected !== '' && expected !== '*';
}
