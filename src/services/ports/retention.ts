// What the retention purge needs from storage: deleting conversation data that no purpose needs any more.

export interface RetentionRepository {
  /**
   * Deletes transcript lines written before `before` that lie in no handoff's window (from `contextMs`
   * before it was requested until it closed, or until now while it is open); returns how many.
   */
  deleteTranscriptOutsideHandoffs(before: Date, contextMs: number): Promise<number>;
  /** Deletes every transcript line written before `before`; returns how many. */
  deleteTranscriptBefore(before: Date): Promise<number>;
  /** Deletes sent or failed outbox messages created before `before` (pending ones still have a job); returns how many. */
  deleteFinishedOutboxBefore(before: Date): Promise<number>;
}
