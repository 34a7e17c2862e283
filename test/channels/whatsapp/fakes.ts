// Test doubles for the WhatsApp channels: a whatsapp-web.js client that records what it sent and lets
// a test deliver messages and state changes, the real bot (OficinaBot + MainDialog) on memory storage,
// and a staged-file store in a temporary directory.
import { ConversationState, MemoryStorage, TurnContext } from 'botbuilder';
import { Dialog } from 'botbuilder-dialogs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MainDialog } from '../../../dialogs/mainDialog';
import { ConversationAccessors } from '../../../src/bot/conversationData';
import { OficinaBot } from '../../../src/bot/oficinaBot';
import { Clock } from '../../../src/domain/clock';
import { StagedFileStore } from '../../../src/storage/stagedFiles';
import { WebJsFile, WebJsMessage, WebJsState, WhatsAppWebClient } from '../../../src/channels/whatsapp/webjsPort';

export type SentItem = { chatId: string; text: string } | { chatId: string; file: WebJsFile };

export class FakeWebJsClient implements WhatsAppWebClient {
  readonly sent: SentItem[] = [];
  starts = 0;
  stops = 0;
  failNextStart = false;
  private messageHandler?: (message: WebJsMessage) => Promise<void>;
  private stateHandler?: (state: WebJsState) => void;
  private nextId = 1;

  onMessage(handler: (message: WebJsMessage) => Promise<void>): void {
    this.messageHandler = handler;
  }

  onState(handler: (state: WebJsState) => void): void {
    this.stateHandler = handler;
  }

  async start(): Promise<void> {
    this.starts += 1;
    if (this.failNextStart) {
      this.failNextStart = false;
      throw new Error('chromium did not start');
    }
  }

  async stop(): Promise<void> {
    this.stops += 1;
  }

  async sendText(chatId: string, text: string): Promise<string> {
    this.sent.push({ chatId, text });
    return `true_${chatId}_OUT${this.nextId++}`;
  }

  async sendFile(chatId: string, file: WebJsFile): Promise<string> {
    this.sent.push({ chatId, file });
    return `true_${chatId}_OUT${this.nextId++}`;
  }

  /** Delivers a message as whatsapp-web.js would; resolves when the adapter has finished with it. */
  async receive(message: Partial<WebJsMessage> & { from: string }): Promise<void> {
    if (!this.messageHandler) throw new Error('nobody listens for messages');
    await this.messageHandler({
      id: `false_${message.from}_IN${this.nextId++}`,
      fromMe: false,
      isStatus: false,
      type: 'chat',
      body: '',
      hasMedia: false,
      timestamp: 1_795_791_600,
      downloadMedia: async () => undefined,
      ...message,
    });
  }

  emitState(state: WebJsState): void {
    this.stateHandler?.(state);
  }

  /** Texts sent to one chat, in order. */
  textsTo(chatId: string): string[] {
    return this.sent.filter((s): s is { chatId: string; text: string } => s.chatId === chatId && 'text' in s).map((s) => s.text);
  }

  takeSent(): SentItem[] {
    return this.sent.splice(0);
  }
}

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
