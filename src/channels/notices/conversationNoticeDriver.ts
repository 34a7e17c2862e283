// Delivers 'chat' outbox messages (a decision, a PQRDS answer) in the conversation the affiliate last
// wrote from: WhatsApp inside its 24-hour window gets the message (and the authorization PDF), outside it
// the approved template of that notice; whatsapp-web.js has no window; web chat only while the
// conversation is still open. Anything that cannot be delivered now is kept for the affiliate's next
// message ("Tienes novedades"). The outbox worker retries failures; its lease keeps each send single.
import { Activity, ActivityTypes, ConversationReference } from 'botbuilder';
import type { ChannelRegistry } from '../channelRegistry';
import type { Clock } from '../../domain/clock';
import type { OutboxMessage } from '../../domain/model';
import { SESSION_IDLE_MS } from '../../domain/session';
import { WhatsAppWindowClosedError } from '../../integrations/whatsappCloud/graphErrors';
import type { Logger } from '../../observability/logger';
import { ChatNotice, ChatTemplateKind, decodeChatNotice } from '../../services/backOffice/affiliateNotices';
import type { AuthorizationDocument } from '../../services/backOffice/authorizationDocumentService';
import type { AffiliateNoticeStore } from '../../services/ports/backOffice';
import { DeliveryError, type MessageDriver } from '../../services/ports/notifications';
import type { ConversationReferenceRepository } from '../../services/ports/repositories';
import { CUSTOMER_SERVICE_WINDOW_MS, WHATSAPP_CLOUD_CHANNEL } from '../whatsapp/cloudAdapter';
import { WEBCHAT_CHANNEL_ID } from '../directline/directLineAdapter';

/**
 * A web chat is taken as still open while its sign-in would still be valid: past the chat session's idle
 * limit the page has most likely been closed, and the person must sign in again to read anything anyway.
 */
export const WEBCHAT_OPEN_MS = SESSION_IDLE_MS;

interface TemplateSender {
  sendTemplate(waId: string, template: { name: string; language: string; params: string[] }): Promise<string>;
}

function canSendTemplates(adapter: unknown): adapter is TemplateSender {
  return typeof (adapter as Partial<TemplateSender> | undefined)?.sendTemplate === 'function';
}

export interface ConversationNoticeDriverDeps {
  references: Pick<ConversationReferenceRepository, 'listByAffiliate'>;
  registry: ChannelRegistry;
  notices: AffiliateNoticeStore;
  documents: { byId(id: string): Promise<AuthorizationDocument | undefined> };
  templates: { names: Partial<Record<ChatTemplateKind, string>>; language: string };
  clock: Clock;
  logger: Logger;
}

export class ConversationNoticeDriver implements MessageDriver {
  readonly kind = 'chat' as const;

  constructor(private readonly deps: ConversationNoticeDriverDeps) {}

  async send(message: OutboxMessage): Promise<void> {
    let notice: ChatNotice;
    try {
      notice = decodeChatNotice(message.body);
    } catch {
      throw new DeliveryError('chat_notice_malformed', false);
    }
    const affiliateId = message.recipient;
    const [latest] = await this.deps.references.listByAffiliate(affiliateId);
    const keep = async (why: string) => {
      await this.deps.notices.keep({ affiliateId, sourceKey: message.dedupKey ?? message.id, text: notice.text, createdAt: message.createdAt });
      this.deps.logger.info('chat_notice.kept', { messageId: message.id, why });
    };
    if (!latest || !this.deps.registry.adapterFor(latest.channel)) return keep('no_channel');
    const age = this.deps.clock.now().getTime() - latest.updatedAt.getTime();
    const reference = latest.reference as Partial<ConversationReference>;
    if (latest.channel === WEBCHAT_CHANNEL_ID && age >= WEBCHAT_OPEN_MS) return keep('webchat_closed');
    if (latest.channel === WHATSAPP_CLOUD_CHANNEL && age >= CUSTOMER_SERVICE_WINDOW_MS) return this.template(notice, reference, keep);
    try {
      await this.deps.registry.send(reference, await this.activities(notice));
    } catch (error) {
      if (error instanceof WhatsAppWindowClosedError) return this.template(notice, reference, keep);
      this.deps.logger.warn('chat_notice.send_failed', { messageId: message.id, channel: latest.channel, error: error as Error });
      throw new DeliveryError('chat_unavailable', true);
    }
    this.deps.logger.info('chat_notice.sent', { messageId: message.id, channel: latest.channel });
  }

  /** Outside the 24-hour window: the approved template, or the next message when none is configured. */
  private async template(notice: ChatNotice, reference: Partial<ConversationReference>, keep: (why: string) => Promise<void>): Promise<void> {
    const name = this.deps.templates.names[notice.template.kind];
    const adapter = this.deps.registry.adapterFor(WHATSAPP_CLOUD_CHANNEL);
    const waId = reference.conversation?.id;
    if (!name || !waId || !canSendTemplates(adapter)) return keep('no_template');
    // The template tells them there is news; the full text waits for their reply, which opens the window.
    await keep('template_sent');
    try {
      await adapter.sendTemplate(waId, { name, language: this.deps.templates.language, params: notice.template.params });
    } catch {
      throw new DeliveryError('whatsapp_template_failed', true);
    }
  }

  private async activities(notice: ChatNotice): Promise<Partial<Activity>[]> {
    const activities: Partial<Activity>[] = [{ type: ActivityTypes.Message, text: notice.text }];
    const document = notice.authorizationId ? await this.deps.documents.byId(notice.authorizationId) : undefined;
    if (document) {
      activities.push({
        type: ActivityTypes.Message,
        attachments: [{ contentType: 'application/pdf', name: document.fileName, contentUrl: `data:application/pdf;base64,${document.pdf.toString('base64')}` }],
      });
    }
    return activities;
  }
}
