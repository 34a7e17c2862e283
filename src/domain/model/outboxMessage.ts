// SMS, e-mail and webhooks leave through an outbox table, so a notice survives a crash and an outage is retried.
// 'chat' reaches the affiliate in the conversation they last used (recipient: the affiliate id);
// 'webhook' goes to one of WEBHOOK_URLS (recipient: the URL).
export type OutboxKind = 'sms' | 'email' | 'chat' | 'webhook';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxMessage {
  id: string;
  kind: OutboxKind;
  /** Phone number, e-mail address or webhook URL. */
  recipient: string;
  /** E-mail subject; the event type for webhooks; unused for SMS. */
  subject?: string;
  body: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** A stable error code (never the gateway's raw text, which may echo personal data). */
  lastError?: string;
  /** Enqueueing twice with the same key keeps one message. */
  dedupKey?: string;
  createdAt: Date;
  sentAt?: Date;
}

export interface NewOutboxMessage {
  kind: OutboxKind;
  recipient: string;
  subject?: string;
  body: string;
  dedupKey?: string;
  createdAt: Date;
}

export const OUTBOX_MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;

/** Wait before the next try after `attempts` failures: 30 s, 1 min, 2 min… at most 1 hour. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}
