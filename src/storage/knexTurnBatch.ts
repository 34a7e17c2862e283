// The turn's writes (src/bot/turnWritesMiddleware.ts) on Knex: bot state, transcript lines and the conversation
// reference, in one transaction committed after the turn. On SQLite that is one WAL append instead of
// one per statement; on PostgreSQL one round of BEGIN…COMMIT instead of several autocommits.
import type { StoreItem } from 'botbuilder';
import type { Knex } from 'knex';
import type { TurnBatch } from '../bot/turnWritesMiddleware';
import type { NewTranscriptEntry, TranscriptEntry } from '../domain/handoffTranscript';
import type { ConversationReferenceRecord } from '../domain/model';
import { isPostgres } from './dialect';
import { writeStateRow } from './knexStorage';
import { writeStateAndLinesAtOnce } from './postgresTurnWrite';
import { upsertReferenceRow } from './repositories/knexConversationReferenceRepository';
import { insertTranscriptEntries } from './repositories/knexHandoffTranscriptRepository';

interface PendingState {
  item: StoreItem;
  settle: { resolve(eTag: string): void; reject(error: unknown): void };
}

interface PendingTranscript {
  entries: NewTranscriptEntry[];
  settle: { resolve(stored: TranscriptEntry[]): void; reject(error: unknown): void };
}

export class KnexTurnBatch implements TurnBatch {
  private readonly states = new Map<string, PendingState>();
  private readonly transcripts: PendingTranscript[] = [];
  private readonly references = new Map<string, ConversationReferenceRecord>();
  private readonly referencesWritten: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  private done = false;

  constructor(
    private readonly knex: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get closed(): boolean {
    return this.done;
  }

  /**
   * Bot state to write with the eTag it was loaded with; resolves with the new eTag after the commit.
   * Saved twice in one turn (hand-back, then the end of the turn): the last document wins, the eTag check
   * stays the one loaded at the start.
   */
  saveState(key: string, item: StoreItem): Promise<string> {
    this.assertOpen();
    const earlier = this.states.get(key);
    return new Promise<string>((resolve, reject) => {
      this.states.set(key, {
        item,
        settle: {
          resolve: (eTag) => {
            earlier?.settle.resolve(eTag);
            resolve(eTag);
          },
          reject: (error) => {
            earlier?.settle.reject(error);
            reject(error);
          },
        },
      });
    });
  }

  appendTranscript(entries: NewTranscriptEntry[]): Promise<TranscriptEntry[]> {
    this.assertOpen();
    return new Promise((resolve, reject) => this.transcripts.push({ entries, settle: { resolve, reject } }));
  }

  upsertReference(record: ConversationReferenceRecord): Promise<void> {
    this.assertOpen();
    this.references.set(record.conversationKey, record);
    return new Promise((resolve, reject) => this.referencesWritten.push({ resolve, reject }));
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.states.size === 0 && this.transcripts.length === 0 && this.references.size === 0) return;
    const eTags = new Map<string, string>();
    const stored: TranscriptEntry[][] = [];
    try {
      if (this.states.size === 0 && this.references.size === 0 && this.transcripts.length === 1) {
        // Only the turn's transcript lines (state and reference unchanged, the usual turn): one insert is
        // atomic by itself, and BEGIN and COMMIT would be two more round trips to PostgreSQL.
        stored.push(await insertTranscriptEntries(this.knex, this.transcripts[0]!.entries));
      } else if (!(await this.stateAndLinesAtOnce(eTags, stored))) {
        await this.knex.transaction(async (trx) => {
          const at = this.now();
          for (const [key, state] of this.states) eTags.set(key, await writeStateRow(trx, key, state.item, at));
          for (const t of this.transcripts) stored.push(await insertTranscriptEntries(trx, t.entries));
          for (const record of this.references.values()) await upsertReferenceRow(trx, record);
        });
      }
    } catch (error) {
      for (const state of this.states.values()) state.settle.reject(error);
      for (const t of this.transcripts) t.settle.reject(error);
      for (const r of this.referencesWritten) r.reject(error);
      throw error;
    }
    for (const [key, state] of this.states) state.settle.resolve(eTags.get(key)!);
    this.transcripts.forEach((t, i) => t.settle.resolve(stored[i]));
    for (const r of this.referencesWritten) r.resolve();
  }

  /** PostgreSQL, one state and one group of lines, nothing else: one statement (postgresTurnWrite.ts). */
  private async stateAndLinesAtOnce(eTags: Map<string, string>, stored: TranscriptEntry[][]): Promise<boolean> {
    if (!isPostgres(this.knex) || this.states.size !== 1 || this.transcripts.length !== 1 || this.references.size !== 0) return false;
    const [key, state] = [...this.states][0]!;
    const written = await writeStateAndLinesAtOnce(this.knex, key, state.item, this.transcripts[0]!.entries, this.now());
    if (!written) return false;
    eTags.set(key, written.eTag);
    stored.push(written.stored);
    return true;
  }

  private assertOpen(): void {
    if (this.done) throw new Error('turn batch already committed');
  }
}
