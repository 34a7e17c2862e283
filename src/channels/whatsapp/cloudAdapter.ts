// The WhatsApp Business Cloud API channel: inbox entries (written by the webhook) become activities;
// replies go out as text, reply buttons or lists, and PDFs are uploaded then sent as documents. PDFs and
// photos (image messages, or images sent as documents) become staged attachments. Messages
// the bot starts (agents, notices) are refused once the user's 24-hour window has closed, before calling Meta.
import { Activity } from 'botbuilder';
import { Readable } from 'node:stream';
import { SerializeTurnsMiddleware } from '../../bot/turnQueue';
import { Clock } from '../../domain/clock';
import { CloudMessage } from '../../integrations/whatsappCloud/cloudMessages';
import { MediaInfo } from '../../integrations/whatsappCloud/graphClient';
import { MediaRefusedError, WhatsAppWindowClosedError } from '../../integrations/whatsappCloud/graphErrors';
import { InboundCloudMessage, inboundMessageSchema } from '../../integrations/whatsappCloud/webhookPayload';
import { Logger } from '../../observability/logger';
import { MAX_UPLOAD_BYTES } from '../../storage/stagedFileStore';
import { answerFromReplyId, renderCloudMessages } from './cloudRenderer';
import { ClaimedInboxEntry, WhatsAppCloudStore } from './cloudStore';
import { filesOf } from './outboundFiles';
import { FileStager, isSupportType, stageSupportFile, StagedOutcome } from './stageSupportFile';
import { InboundMessage, TurnRunner, WhatsAppAdapter } from './whatsAppAdapter';

export const WHATSAPP_CLOUD_CHANNEL = 'whatsapp';
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The part of WhatsAppCloudClient the channel uses. */
export interface CloudTransport {
  sendMessage(to: string, message: CloudMessage): Promise<string>;
  uploadMedia(data: Buffer, mimeType: string, filename: string): Promise<string>;
  downloadMedia(mediaId: string, options: { maxBytes: number; expectedSha256?: string }): Promise<{ info: MediaInfo; stream: Readable }>;
}

export interface WhatsAppCloudAdapterDeps {
  client: CloudTransport;
  store: WhatsAppCloudStore;
  bot: TurnRunner;
  files: FileStager;
  clock: Clock;
  logger: Logger;
  maxFileBytes?: number;
  serializer?: SerializeTurnsMiddleware;
}

const UNSUPPORTED_KINDS: Record<string, string> = {
  sticker: 'sticker',
  audio: 'audio',
  voice: 'audio',
  video: 'video',
  location: 'location',
  contacts: 'contact',
  order: 'order',
  unsupported: 'unsupported',
  unknown: 'unsupported',
};

export class WhatsAppCloudAdapter extends WhatsAppAdapter {
  constructor(private readonly deps: WhatsAppCloudAdapterDeps) {
    super(WHATSAPP_CLOUD_CHANNEL, deps.bot, deps.logger, deps.serializer);
  }

  /** Processes one stored inbound message: opens the 24-hour window, then runs the bot (errors → onTurnError). */
  async processEntry(entry: ClaimedInboxEntry): Promise<void> {
    const parsed = inboundMessageSchema.safeParse(entry.payload);
    if (!parsed.success) {
      this.logger.warn('whatsapp_cloud_payload_invalid', { chat: this.chatRef(entry.waId) });
      return;
    }
    const message = parsed.data;
    await this.deps.store.touchInbound(message.from, entry.sentAt);
    const inbound = await this.toInbound(message, entry.sentAt);
    if (!inbound) {
      this.logger.debug('whatsapp_message_ignored', { reason: 'type', type: message.type });
      return;
    }
    this.logger.info('whatsapp_message_received', {
      chat: this.chatRef(message.from),
      type: message.type,
      unsupported: inbound.unsupportedContent,
    });
    await this.processInbound(inbound);
  }

  protected async deliver(waId: string, activity: Partial<Activity>): Promise<string | undefined> {
    await this.assertWindowOpen(waId);
    let lastId: string | undefined;
    for (const message of renderCloudMessages(activity)) {
      lastId = await this.deps.client.sendMessage(waId, message);
    }
    for (const file of filesOf(activity)) {
      const mediaId = await this.deps.client.uploadMedia(file.data, file.contentType, file.filename);
      lastId = await this.deps.client.sendMessage(waId, { type: 'document', document: { id: mediaId, filename: file.filename } });
    }
    return lastId;
  }

  /** An approved template (the only message WhatsApp accepts outside the 24-hour window). */
  async sendTemplate(waId: string, template: { name: string; language: string; params: string[] }): Promise<string> {
    return this.deps.client.sendMessage(waId, {
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        components: [{ type: 'body', parameters: template.params.map((text) => ({ type: 'text' as const, text })) }],
      },
    });
  }

  /** Free-form messages only within 24 hours of the user's last message; outside it, sendTemplate. */
  private async assertWindowOpen(waId: string): Promise<void> {
    const last = await this.deps.store.lastInboundAt(waId);
    if (last && this.deps.clock.now().getTime() - last.getTime() < CUSTOMER_SERVICE_WINDOW_MS) return;
    this.logger.warn('whatsapp_window_closed', { chat: this.chatRef(waId) });
    throw new WhatsAppWindowClosedError();
  }

  private async toInbound(message: InboundCloudMessage, sentAt: Date): Promise<InboundMessage | undefined> {
    const base = { id: message.id, conversationId: message.from, userId: message.from, timestamp: sentAt };
    switch (message.type) {
      case 'text': {
        const text = message.text?.body.trim();
        return text ? { ...base, text } : undefined;
      }
      case 'interactive': {
        const reply = message.interactive?.list_reply ?? message.interactive?.button_reply;
        return reply ? { ...base, text: answerFromReplyId(reply.id) } : { ...base, unsupportedContent: 'interactive' };
      }
      case 'button':
        return message.button ? { ...base, text: message.button.text } : undefined;
      case 'document':
      case 'image': {
        const media = message.type === 'image' ? message.image : message.document;
        return { ...base, text: media?.caption?.trim() || undefined, ...(await this.stageMedia(message, media)) };
      }
      case 'reaction':
      case 'system':
      case 'request_welcome':
        // Nothing the user expects an answer to.
        return undefined;
      default:
        return { ...base, unsupportedContent: UNSUPPORTED_KINDS[message.type] ?? 'unsupported' };
    }
  }

  private async stageMedia(message: InboundCloudMessage, media: InboundCloudMessage['document']): Promise<StagedOutcome> {
    if (!media) return { unsupportedContent: 'file_unavailable' };
    // Judged again from the bytes by the support intake; this only spares downloading a Word file.
    if (!isSupportType(media.mime_type, media.filename)) return { unsupportedContent: 'document' };
    const maxBytes = this.deps.maxFileBytes ?? MAX_UPLOAD_BYTES;
    try {
      const { stream } = await this.deps.client.downloadMedia(media.id, { maxBytes, expectedSha256: media.sha256 });
      return await stageSupportFile(this.deps.files, { mimeType: media.mime_type ?? 'application/octet-stream', filename: media.filename, stream }, maxBytes);
    } catch (error) {
      const code = error instanceof MediaRefusedError ? error.code : 'download_failed';
      this.logger.warn('whatsapp_media_refused', { reason: code, chat: this.chatRef(message.from) });
      return { unsupportedContent: code === 'media_too_large' ? 'file_too_large' : 'file_unavailable' };
    }
  }
}
