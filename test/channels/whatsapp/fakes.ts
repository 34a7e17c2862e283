// Test doubles for the WhatsApp channels: the real bot (OficinaBot + MainDialog) on memory storage, an echo
// bot, and a staged-file store in a temporary directory. The fake whatsapp-web.js client, used beyond this
// folder, is test/helpers/fakeWebJsClient.ts.
import { ConversationState, MemoryStorage, TurnContext } from 'botbuilder';
import { Dialog } from 'botbuilder-dialogs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MainDialog } from '../../../dialogs/mainDialog';
import { ConversationAccessors } from '../../../src/bot/conversationData';
import { OficinaBot } from '../../../src/bot/oficinaBot';
import { Clock } from '../../../src/domain/clock';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';

export interface TestBot {
  bot: OficinaBot;
  conversationState: ConversationState;
  accessors: ConversationAccessors;
}

/** The real bot core with the given feature dialogs, on memory storage. */
export function createTestBot(clock: Clock, featureFactory: (accessors: ConversationAccessors) => Dialog[] = () => []): TestBot {
  const conversationState = new ConversationState(new MemoryStorage());
  const accessors: ConversationAccessors = {
    dialogState: conversationState.createProperty('dialogState'),
    session: conversationState.createProperty('session'),
  };
  const main = new MainDialog({ clock, session: accessors.session, features: featureFactory(accessors) });
  return { bot: new OficinaBot(conversationState, accessors, main), conversationState, accessors };
}

/** A bot that repeats what it got, with what was attached: for transport tests where dialogs don't matter. */
export function echoBot(onTurn?: (context: TurnContext) => Promise<void>) {
  const seen: TurnContext['activity'][] = [];
  return {
    seen,
    async run(context: TurnContext): Promise<void> {
      seen.push(context.activity);
      if (onTurn) return onTurn(context);
      await context.sendActivity(`eco: ${context.activity.text ?? ''}`);
    },
  };
}

export async function tempStagedStore(): Promise<{ store: StagedFileStore; dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wa-staged-'));
  return { store: new StagedFileStore(dir), dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const fixturePath = (name: string) => path.join(__dirname, '../../fixtures/whatsapp', name);
