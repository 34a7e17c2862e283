// Files users send: when web chat may upload one, and how long staged files wait for someone to want them.
import { WEBCHAT_CHANNEL_ID } from '../channels/directline/directLineAdapter';
import type { Clock } from '../domain/clock';
import type { Logger } from '../observability/logger';
import { PeriodicTask } from '../services/periodicTask';
import type { StagedFileStore } from '../storage/stagedFileStore';

/** Files nobody claimed (no dialog accepted them, no agent was sent them) go after this long. */
export const UNCLAIMED_STAGED_MAX_AGE_MS = 10 * 60_000;
/** Accepted files of conversations that stopped mid-flow (no "listo", no "cancelar") go after a day. */
export const CLAIMED_STAGED_MAX_AGE_MS = 24 * 60 * 60_000;

export function stagedFilesSweep(stagedFiles: StagedFileStore, clock: Clock, logger: Logger): PeriodicTask {
  return new PeriodicTask('staged-files-sweep', 2 * 60_000, () => stagedFiles.sweep(clock.now(), UNCLAIMED_STAGED_MAX_AGE_MS, CLAIMED_STAGED_MAX_AGE_MS), logger);
}

/** A web chat upload is expected while the dialog waits for a file, or while an agent holds the conversation. */
export function uploadWindow(
  dialogWaitsForFile: (channelId: string, conversationId: string) => Promise<boolean>,
  agentHolds: (channelId: string, conversationId: string) => Promise<boolean>,
): (conversationId: string) => Promise<'dialog' | 'agent' | undefined> {
  return async (conversationId) => {
    if (await dialogWaitsForFile(WEBCHAT_CHANNEL_ID, conversationId)) return 'dialog';
    if (await agentHolds(WEBCHAT_CHANNEL_ID, conversationId)) return 'agent';
    return undefined;
  };
}
