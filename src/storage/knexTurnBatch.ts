// The turn's writes (src/bot/turnWritesMiddleware.ts): bot state, transcript lines and the conversation
// reference, collected while the turn runs and handed to the committer after it, which writes them in one
// transaction, together with other turns that end at the same time (knexTurnCommitter.ts).
import type { StoreItem } from 'botbuilder';
import type { TurnBatch } from '../bot/turnWritesMiddleware';
import type { NewTranscriptEntry, TranscriptEntry } from '../domain/handoffTranscript';
import type { ConversationReferenceRecord } from '../domain/model';
import type { TurnCommitter, TurnWriteSet, TurnWritten } from './knexTurnCommitter';

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

  /** `committer`: usually the app's one KnexTurnCommitter, so turns that end together are written together. */
  constructor(private readonly committer: TurnCommitter) {}

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
    const set: TurnWriteSet = {
      states: new Map([...this.states].map(([key, state]) => [key, state.item])),
      transcripts: this.transcripts.map((t) => t.entries),
      references: [...this.references.values()],
    };
    let written: TurnWritten;
    try {
      written = await this.committer.write(set);
    } catch (error) {
      for (const state of this.states.values()) state.settle.reject(error);
      for (const t of this.transcripts) t.settle.reject(error);
      for (const r of this.referencesWritten) r.reject(error);
      throw error;
    }
    for (const [key, state] of this.states) state.settle.resolve(written.eTags.get(key)!);
    this.transcripts.forEach((t, i) => t.settle.resolve(written.stored[i]!));
    for (const r of this.referencesWritten) r.resolve();
  }

  private assertOpen(): void {
    if (this.done) throw new Error('turn batch already committed');
  }
}
