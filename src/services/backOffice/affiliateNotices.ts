// The three notices of a decision or an answer, as outbox messages: SMS and e-mail to the contact data on
// file, and a chat message to the affiliate who uses the Oficina Virtual (the filer), delivered on the
// channel they last wrote from. Dedup keys make enqueueing them again a no-op: each goes out once.
import type { NewOutboxMessage } from '../../domain/model';

export type ChatTemplateKind = 'request_approved' | 'request_rejected' | 'supports_requested' | 'pqrds_answered';

/** The body of a 'chat' outbox message. */
export interface ChatNotice {
  text: string;
  /** For WhatsApp outside its 24-hour window: the approved template of this kind, with these parameters. */
  template: { kind: ChatTemplateKind; params: string[] };
  /** An approval carries its PDF. */
  authorizationId?: string;
}

export function encodeChatNotice(notice: ChatNotice): string {
  return JSON.stringify(notice);
}

export function decodeChatNotice(body: string): ChatNotice {
  const parsed = JSON.parse(body) as Partial<ChatNotice>;
  if (typeof parsed.text !== 'string' || !parsed.template) throw new Error('malformed chat notice');
  return parsed as ChatNotice;
}

export interface NoticeRecipients {
  mobile?: string;
  email?: string;
  /** The affiliate who talks to the bot. */
  chatAffiliateId?: string;
}

export interface NoticeContent {
  /** Unique per decision or answer: `decision:<id>`. */
  key: string;
  sms: string;
  emailSubject: string;
  emailBody: string;
  chat: ChatNotice;
  at: Date;
}

export function noticeMessages(to: NoticeRecipients, content: NoticeContent): NewOutboxMessage[] {
  const messages: NewOutboxMessage[] = [];
  if (to.mobile) messages.push({ kind: 'sms', recipient: to.mobile, body: content.sms, dedupKey: `${content.key}:sms`, createdAt: content.at });
  if (to.email) {
    messages.push({ kind: 'email', recipient: to.email, subject: content.emailSubject, body: content.emailBody, dedupKey: `${content.key}:email`, createdAt: content.at });
  }
  if (to.chatAffiliateId) {
    messages.push({ kind: 'chat', recipient: to.chatAffiliateId, body: encodeChatNotice(content.chat), dedupKey: `${content.key}:chat`, createdAt: content.at });
  }
  return messages;
}
