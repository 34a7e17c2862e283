// SMS and e-mail leave through an outbox table, so a notice survives a crash and a gateway outage is retried.
export type OutboxKind = 'sms' | 'email';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxMessage {
  id: string;
  kind: OutboxKind;
  /** Phone number or e-mail address. */
  recipient: string;
  /** E-mail subject; unused for SMS. */
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
