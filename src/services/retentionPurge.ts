// Ley 1581 de 2012 (purpose and minimisation): conversation history is kept for agents only as far as a
// handoff needs it, and nothing is kept past RETENTION_DAYS. Run as a PeriodicTask; each run is a few
// DELETEs, so running it on several instances at once is harmless.
import type { Clock } from '../domain/clock';
import { HANDOFF_CONTEXT_MS } from '../domain/handoffTranscript';
import type { RetentionRepository } from './ports/retention';

export const RETENTION_PURGE_INTERVAL_MS = 10 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export interface RetentionPurgeResult {
  transcriptOutsideHandoffs: number;
  transcriptExpired: number;
  outboxExpired: number;
  webChatConversationsExpired: number;
  webChatActivitiesExpired: number;
  referencesExpired: number;
  webChatFilesExpired: number;
}

export class RetentionPurge {
  constructor(private readonly deps: { store: RetentionRepository; clock: Clock; retentionDays: number }) {}

  async purgeOnce(): Promise<RetentionPurgeResult> {
    const now = this.deps.clock.now().getTime();
    const expired = new Date(now - this.deps.retentionDays * DAY_MS);
    // Lines older than the context window can no longer lead to a new handoff: unless one already
    // covers them, nobody will ever need them.
    const transcriptOutsideHandoffs = await this.deps.store.deleteTranscriptOutsideHandoffs(new Date(now - HANDOFF_CONTEXT_MS), HANDOFF_CONTEXT_MS);
    const transcriptExpired = await this.deps.store.deleteTranscriptBefore(expired);
    const outboxExpired = await this.deps.store.deleteFinishedOutboxBefore(expired);
    const webChat = await this.deps.store.deleteWebChatLogBefore(expired);
    const referencesExpired = await this.deps.store.deleteConversationReferencesBefore(expired);
    const webChatFilesExpired = await this.deps.store.deleteExpiredWebChatFiles(new Date(now));
    return {
      transcriptOutsideHandoffs,
      transcriptExpired,
      outboxExpired,
      webChatConversationsExpired: webChat.conversations,
      webChatActivitiesExpired: webChat.activities,
      referencesExpired,
      webChatFilesExpired,
    };
  }
}
