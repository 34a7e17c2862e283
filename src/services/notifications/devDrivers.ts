// Development drivers (no SMS gateway or SMTP configured): nothing leaves the machine. The message stays
// in the outbox table (marked sent, so the worker stops trying) and the log shows that it happened, with
// the recipient masked and any secret in the text replaced: developers read the full text in the table.
import type { OutboxMessage } from '../../domain/model';
import { maskEmail } from '../../domain/masking';
import { maskPhone } from '../../domain/phone';
import type { Logger } from '../../observability/logger';
import type { MessageDriver } from '../ports/notifications';
import { logPreview } from './secretMasking';

export class DevSmsDriver implements MessageDriver {
  readonly kind = 'sms' as const;
  readonly keepsBodyInOutbox = true;
  constructor(private readonly logger: Logger) {}

  async send(message: OutboxMessage): Promise<void> {
    this.logger.info('sms.dev_outbox', {
      messageId: message.id,
      recipientMasked: maskPhone(message.recipient),
      preview: logPreview(message.body),
    });
  }
}

export class DevEmailDriver implements MessageDriver {
  readonly kind = 'email' as const;
  readonly keepsBodyInOutbox = true;
  constructor(private readonly logger: Logger) {}

  async send(message: OutboxMessage): Promise<void> {
    this.logger.info('email.dev_outbox', {
      messageId: message.id,
      recipientMasked: maskEmail(message.recipient),
      subjectPreview: logPreview(message.subject ?? ''),
    });
  }
}
