// E-mail over SMTP (SMTP_URL, e.g. smtp://user:pass@host:587) with nodemailer. The outbox message id is
// the Message-ID, so a resend after a timeout is recognisable as the same message by the receiving side.
import nodemailer, { type Transporter } from 'nodemailer';
import type { OutboxMessage } from '../../domain/model';
import { DeliveryError, type MessageDriver } from '../ports/notifications';

export interface SmtpEmailOptions {
  smtpUrl: string;
  from: string;
  /** Message-ID domain (the host of PUBLIC_URL). */
  messageIdDomain: string;
  timeoutMs?: number;
}

export class SmtpEmailDriver implements MessageDriver {
  readonly kind = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpEmailOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    this.transport = nodemailer.createTransport(options.smtpUrl, {
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(message: OutboxMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: message.recipient,
        subject: message.subject ?? 'Oficina Virtual',
        text: message.body,
        messageId: `<${message.id}@${this.options.messageIdDomain}>`,
      });
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode;
      // 5xx SMTP replies are permanent (bad address, rejected); everything else (network, 4xx) may pass later.
      const permanent = typeof responseCode === 'number' && responseCode >= 500;
      throw new DeliveryError(permanent ? `smtp_${responseCode}` : 'smtp_unavailable', !permanent);
    }
  }

  close(): void {
    this.transport.close();
  }
}
