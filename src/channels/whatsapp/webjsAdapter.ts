// The whatsapp-web.js channel: messages from a linked phone's WhatsApp Web become activities; replies go
// back as text with numbered options (WhatsApp Web's buttons and lists no longer work) and PDFs as
// documents. PDFs and photos (sent as images or as documents) become staged attachments. Group chats, status broadcasts, channels and our own messages are ignored.
import { Activity } from 'botbuilder';
import { KeyedSerialQueue, SerializeTurnsMiddleware } from '../../bot/turnQueue';
import { Logger } from '../../observability/logger';
import { MAX_UPLOAD_BYTES } from '../../storage/stagedFileStore';
import { filesOf } from './outboundFiles';
import { FileStager, stageSupportFile } from './stageSupportFile';
import { WebJsMessage, WhatsAppWebClient } from './webjsPort';
import { InboundMessage, TurnRunner, WhatsAppAdapter } from './whatsAppAdapter';
import { numberedText, splitText } from './whatsAppText';

export const WHATSAPP_WEBJS_CHANNEL = 'whatsapp-webjs';

/** Long texts are cut so each bubble stays readable (WhatsApp itself accepts far more). */
const MAX_TEXT = 4096;

/** whatsapp-web.js message types we answer "only text and PDF" to, by the kind we report. */
const UNSUPPORTED_KINDS: Record<string, string> = {
  album: 'image',
  video: 'video',
  audio: 'audio',
  ptt: 'audio',
  sticker: 'sticker',
  location: 'location',
  vcard: 'contact',
  multi_vcard: 'contact',
  poll_creation: 'poll',
  order: 'order',
  product: 'product',
  groups_v4_invite: 'invite',
  scheduled_event_creation: 'event',
};

/** Types whose body is what the user chose or typed. */
const TEXT_TYPES = new Set(['chat', 'list_response', 'buttons_response', 'template_button_reply']);

export interface WebJsAdapterDeps {
  client: WhatsAppWebClient;
  bot: TurnRunner;
  files: FileStager;
  logger: Logger;
  maxFileBytes?: number;
  serializer?: SerializeTurnsMiddleware;
}

export class WebJsAdapter extends WhatsAppAdapter {
  private readonly inboundQueue = new KeyedSerialQueue();

  constructor(private readonly deps: WebJsAdapterDeps) {
    super(WHATSAPP_WEBJS_CHANNEL, deps.bot, deps.logger, deps.serializer);
    deps.client.onMessage((message) => this.handleMessage(message));
  }

  /**
   * Handles one message from the client. Messages of one chat are converted and answered in arrival
   * order (a PDF still downloading does not let the next text overtake it). Never rejects.
   */
  async handleMessage(message: WebJsMessage): Promise<void> {
    const ignored = ignoreReason(message);
    if (ignored) {
      this.logger.debug('whatsapp_message_ignored', { reason: ignored, type: message.type });
      return;
    }
    try {
      await this.inboundQueue.run(message.from, async () => {
        const inbound = await this.toInbound(message);
        if (!inbound) return;
        this.logger.info('whatsapp_message_received', {
          chat: this.chatRef(message.from),
          type: message.type,
          unsupported: inbound.unsupportedContent,
        });
        await this.processInbound(inbound);
      });
    } catch (error) {
      // Only reached when no onTurnError is set or the handler itself failed.
      this.logger.error('whatsapp_message_failed', { chat: this.chatRef(message.from), error: error as Error });
    }
  }

  protected async deliver(chatId: string, activity: Partial<Activity>): Promise<string | undefined> {
    let lastId: string | undefined;
    const text = numberedText(activity);
    for (const piece of text ? splitText(text, MAX_TEXT) : []) {
      lastId = await this.deps.client.sendText(chatId, piece);
    }
    for (const file of filesOf(activity)) {
      lastId = await this.deps.client.sendFile(chatId, { mimetype: file.contentType, data: file.data, filename: file.filename });
    }
    return lastId;
  }

  private async toInbound(message: WebJsMessage): Promise<InboundMessage | undefined> {
    const base = {
      id: message.id,
      conversationId: message.from,
      userId: message.from,
      timestamp: new Date(message.timestamp * 1000),
    };
    if (TEXT_TYPES.has(message.type)) {
      const text = message.body.trim();
      return text ? { ...base, text } : undefined;
    }
    if (message.type === 'document' || message.type === 'image') {
      // whatsapp-web.js hands the whole file over in memory: refuse what is declared too large before that.
      const maxBytes = this.deps.maxFileBytes ?? MAX_UPLOAD_BYTES;
      if ((message.declaredMediaBytes ?? 0) > maxBytes) return { ...base, text: message.body.trim() || undefined, unsupportedContent: 'file_too_large' };
      const media = message.hasMedia ? await message.downloadMedia() : undefined;
      const staged = await stageSupportFile(this.deps.files, media && {
        mimeType: media.mimetype,
        filename: media.filename ?? undefined,
        declaredSize: media.filesize ?? undefined,
        base64: media.data,
      }, this.deps.maxFileBytes);
      const caption = message.body.trim();
      return { ...base, text: caption || undefined, ...staged };
    }
    const kind = UNSUPPORTED_KINDS[message.type];
    if (kind) return { ...base, unsupportedContent: kind };
    // Notifications, reactions, revoked messages, calls…: nothing the user expects an answer to.
    this.logger.debug('whatsapp_message_ignored', { reason: 'type', type: message.type });
    return undefined;
  }
}

/** Why a message is not for the bot, or undefined when it is a one-to-one chat message from someone else. */
export function ignoreReason(message: Pick<WebJsMessage, 'from' | 'fromMe' | 'isStatus'>): string | undefined {
  if (message.fromMe) return 'own_message';
  if (message.isStatus || message.from === 'status@broadcast') return 'status';
  if (message.from.endsWith('@g.us')) return 'group';
  if (message.from.endsWith('@broadcast')) return 'broadcast';
  if (message.from.endsWith('@newsletter')) return 'channel';
  // "@lid" senders have no phone number in the id; replies go to the same id, which WhatsApp Web routes.
  if (!/@(c\.us|lid)$/.test(message.from)) return 'unknown_chat';
  return undefined;
}
