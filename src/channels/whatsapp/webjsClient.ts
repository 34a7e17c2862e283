// The only file that imports whatsapp-web.js (docs/architecture.md): it adapts the library to our small
// port, so everything else, tests included, works with a fake client and never needs a phone.
// The library (and puppeteer with it) is loaded only when the channel starts, so a server without the
// whatsapp-web.js channel never pays for it. Session kept by LocalAuth under sessionDir; Debian's Chromium.
import path from 'node:path';
import type WAWebJS from 'whatsapp-web.js';
import { WebJsFile, WebJsMessage, WebJsState, WhatsAppWebClient } from './webjsPort';

type Library = typeof WAWebJS;

export interface WebJsClientOptions {
  /** config.whatsappWebJs.sessionDir: LocalAuth keeps the linked-device credentials here. */
  sessionDir: string;
  /** config.whatsappWebJs.chromeBin */
  chromeBin: string;
  /** Link by an 8-character code typed on the phone instead of scanning the QR (international digits only). */
  pairingPhoneNumber?: string;
  /** false shows the browser window (debugging only). */
  headless?: boolean;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function loadLibrary(): Promise<Library> {
  const loaded = (await import('whatsapp-web.js')) as Library & { default?: Library };
  return loaded.default ?? loaded;
}

export async function createWebJsClient(options: WebJsClientOptions): Promise<WhatsAppWebClient> {
  return new WebJsClient(await loadLibrary(), options);
}

class WebJsClient implements WhatsAppWebClient {
  private client?: WAWebJS.Client;
  private messageHandler: (message: WebJsMessage) => Promise<void> = async () => undefined;
  private stateHandler: (state: WebJsState) => void = () => undefined;

  constructor(
    private readonly lib: Library,
    private readonly options: WebJsClientOptions,
  ) {}

  onMessage(handler: (message: WebJsMessage) => Promise<void>): void {
    this.messageHandler = handler;
  }

  onState(handler: (state: WebJsState) => void): void {
    this.stateHandler = handler;
  }

  async start(): Promise<void> {
    // A fresh Client per start: after destroy() the library's page and browser are gone.
    const phone = this.options.pairingPhoneNumber?.replace(/\D/g, '');
    const client = new this.lib.Client({
      authStrategy: new this.lib.LocalAuth({ clientId: 'oficina-virtual', dataPath: this.options.sessionDir }),
      webVersionCache: { type: 'local', path: path.join(this.options.sessionDir, 'web-version-cache') },
      puppeteer: {
        executablePath: this.options.chromeBin,
        headless: this.options.headless ?? true,
        args: CHROMIUM_ARGS,
      },
      ...(phone ? { pairWithPhoneNumber: { phoneNumber: phone, showNotification: true } } : {}),
    });
    this.client = client;
    // Events of a client we already stopped (its own "disconnected" while closing) are not news.
    const emit = (state: WebJsState) => {
      if (this.client === client) this.stateHandler(state);
    };
    client.on('qr', (qr: string) => emit({ kind: 'qr', qr }));
    client.on('code', (code: string) => emit({ kind: 'pairing_code', code }));
    client.on('authenticated', () => emit({ kind: 'authenticated' }));
    client.on('auth_failure', () => emit({ kind: 'auth_failure' }));
    client.on('ready', () => emit({ kind: 'ready' }));
    client.on('disconnected', (reason: unknown) => emit({ kind: 'disconnected', reason: String(reason) }));
    client.on('message', (message: WAWebJS.Message) => {
      if (this.client === client) void this.messageHandler(toPortMessage(message));
    });
    // initialize() resolves late (after linking); failures surface as a disconnection to the supervisor.
    void client.initialize().catch((error: unknown) => {
      emit({ kind: 'disconnected', reason: `init_failed:${errorName(error)}` });
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.destroy();
  }

  async sendText(chatId: string, text: string): Promise<string | undefined> {
    const sent = await this.connected().sendMessage(chatId, text);
    return sent?.id?._serialized;
  }

  async sendFile(chatId: string, file: WebJsFile): Promise<string | undefined> {
    const media = new this.lib.MessageMedia(file.mimetype, file.data.toString('base64'), file.filename, file.data.length);
    const sent = await this.connected().sendMessage(chatId, media, { sendMediaAsDocument: true, caption: file.caption });
    return sent?.id?._serialized;
  }

  private connected(): WAWebJS.Client {
    if (!this.client) throw new Error('whatsapp-webjs: client not started');
    return this.client;
  }
}

function toPortMessage(message: WAWebJS.Message): WebJsMessage {
  return {
    id: message.id._serialized,
    from: message.from,
    fromMe: message.fromMe,
    isStatus: message.isStatus,
    type: String(message.type),
    body: message.body ?? '',
    hasMedia: message.hasMedia,
    // whatsapp-web.js keeps the declared size in the raw message data (it reports it as filesize after download).
    declaredMediaBytes: declaredSize(message),
    timestamp: message.timestamp,
    downloadMedia: async () => {
      // The library returns undefined (or throws) when the phone no longer has the media.
      const media = await message.downloadMedia();
      return media ? { mimetype: media.mimetype, data: media.data, filename: media.filename, filesize: media.filesize } : undefined;
    },
  };
}

function declaredSize(message: WAWebJS.Message): number | undefined {
  const size = (message as unknown as { _data?: { size?: unknown } })._data?.size;
  return typeof size === 'number' && Number.isFinite(size) ? size : undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
