// What the outbox worker needs to deliver a message: one driver per kind (SMS, e-mail).
import type { OutboxKind, OutboxMessage } from '../../domain/model';

export interface MessageDriver {
  readonly kind: OutboxKind;
  /**
   * Delivers the message or throws DeliveryError. Must be idempotent per message id: the worker may call
   * it again for the same message after a timeout or a crash, and the recipient must get it once.
   */
  send(message: OutboxMessage): Promise<void>;
  /**
   * Retry by age instead of by count: a retryable failure is tried again (with the outbox back-off) until
   * the message is this old, then marked failed. Unset: the worker's attempt limit applies.
   */
  readonly giveUpAfterMs?: number;
  /**
   * True for the development drivers, whose "delivery" is the outbox table itself (read on /dev/outbox):
   * they keep the text. Every other driver's sent messages lose their secrets (temporary passwords).
   */
  readonly keepsBodyInOutbox?: boolean;
}

/**
 * A delivery that did not happen. `code` is stable and safe to store and log (never the provider's text,
 * which may echo the phone or the message). Retryable failures are tried again after a back-off.
 */
export class DeliveryError extends Error {
  constructor(
    public readonly code: string,
    public readonly retryable: boolean,
  ) {
    super(code);
    this.name = 'DeliveryError';
  }
}
