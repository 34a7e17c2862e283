// A turn's writes in one transaction at its end: the bot state, the turn's transcript lines and (when it
// changed) the conversation reference are collected while the turn runs and committed together after it,
// instead of each autocommitting on its own — and with the other turns that end at the same time
// (src/storage/knexTurnCommitter.ts). The middleware runs inside the per-conversation turn queue, so the
// next turn of the same conversation starts only after this one's commit.
import { Middleware, StoreItem, TurnContext } from 'botbuilder';
import type { NewTranscriptEntry, TranscriptEntry } from '../domain/handoffTranscript';
import type { ConversationReferenceRecord } from '../domain/model';

/** What the bot side may add to the turn's transaction. */
export interface TurnWrites {
  /** Settles after the commit (with the stored lines and their ids), or rejects if the commit failed. */
  appendTranscript(entries: NewTranscriptEntry[]): Promise<TranscriptEntry[]>;
  /** Settles after the commit. */
  upsertReference(record: ConversationReferenceRecord): Promise<void>;
}

/** A turn's batch as the middleware and the bot state drive it. */
export interface TurnBatch extends TurnWrites {
  /** Bot state with the eTag it was loaded with; settles after the commit with the new eTag. */
  saveState(key: string, item: StoreItem): Promise<string>;
  /** Writes everything added, in one transaction; after this, additions are refused (closed). */
  commit(): Promise<void>;
  readonly closed: boolean;
}

const TURN_WRITES = Symbol('turnWrites');

/** The open batch of this turn, if the turn runs under TurnWritesMiddleware and has not committed yet. */
export function turnWritesOf(context: TurnContext): TurnBatch | undefined {
  const batch = context.turnState.get(TURN_WRITES) as TurnBatch | undefined;
  return batch && !batch.closed ? batch : undefined;
}

export class TurnWritesMiddleware implements Middleware {
  constructor(private readonly newBatch: () => TurnBatch) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const batch = this.newBatch();
    context.turnState.set(TURN_WRITES, batch);
    let failed = false;
    try {
      await next();
    } catch (error) {
      failed = true;
      // What was collected (the transcript of a turn that broke) is still written; the error goes on to
      // the turn-error handler, which saves its own state reset directly (the batch is closed by then).
      await batch.commit().catch(() => undefined);
      throw error;
    } finally {
      if (!failed) await batch.commit();
    }
  }
}
