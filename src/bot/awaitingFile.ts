// Whether a conversation's dialog is waiting for a file right now, read from the stored dialog stack
// without running a turn. Channels that receive files before the bot sees them (web chat uploads) ask
// this first, so a file nobody asked for is refused before a byte of it reaches the disk.
// The prompts that take files mark their own state (markAwaitingFile); the mark goes away with them.
import type { Storage } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { activeChain } from './activeDialogs';

const AWAITS_FILE = 'awaitsFile';

/** Called by a prompt that takes files, on its own prompt state. */
export function markAwaitingFile(promptState: object): void {
  (promptState as Record<string, unknown>)[AWAITS_FILE] = true;
}

/** True when the innermost active dialog is a prompt that takes files. */
export function isAwaitingFile(state: DialogState | undefined): boolean {
  const innermost = activeChain(state).at(-1);
  return (innermost?.state as { state?: Record<string, unknown> } | undefined)?.state?.[AWAITS_FILE] === true;
}

/**
 * Reads the conversation state the way botbuilder's ConversationState keys it
 * ("<channel>/conversations/<id>/") and looks at its dialog stack: one storage read, no turn.
 */
export function fileWaitReader(storage: Storage, dialogStateProperty = 'dialogState'): (channelId: string, conversationId: string) => Promise<boolean> {
  return async (channelId, conversationId) => {
    const key = `${channelId}/conversations/${conversationId}/`;
    const doc = (await storage.read([key]))[key] as Record<string, unknown> | undefined;
    return isAwaitingFile(doc?.[dialogStateProperty] as DialogState | undefined);
  };
}
