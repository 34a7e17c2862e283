// A whatsapp-web.js client that records what it sent and lets a test deliver messages and state changes:
// what the whatsapp-web.js channel sees of WhatsApp, without a phone or a browser.
import type { WebJsFile, WebJsMessage, WebJsState, WhatsAppWebClient } from '../../src/channels/whatsapp/webjsPort';

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
