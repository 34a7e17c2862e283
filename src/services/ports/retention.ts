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
  /**
   * Deletes the web chat conversations nobody used since `before` (with their activity logs) and, in the
   * others, activities written before it; returns how many conversations and activities went.
   */
  deleteWebChatLogBefore(before: Date): Promise<{ conversations: number; activities: number }>;
  /**
   * Deletes the ways to reach conversations (for agents' replies and notices) not refreshed since `before`:
   * an active conversation refreshes its reference at least daily, so only idle ones go.
   */
  deleteConversationReferencesBefore(before: Date): Promise<number>;
  /** Deletes the files sent to web chats whose links expired by `now` (a certificate is personal data). */
  deleteExpiredWebChatFiles(now: Date): Promise<number>;
}
