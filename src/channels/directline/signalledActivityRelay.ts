// Tells the other instances that a conversation's log changed (PostgreSQL NOTIFY). Only the conversation's
// id travels: each instance that has streams of it open reads the new activities from the shared log, so
// a signal is always small, never carries what the user wrote, and no activity is too large to arrive.
import type { Logger } from '../../observability/logger';
import type { Coordination } from '../../services/ports/coordination';
import type { ActivityRelay } from './directLineChannel';

const TOPIC = 'directline-changed';

export class SignalledActivityRelay implements ActivityRelay {
  constructor(
    private readonly signals: Pick<Coordination, 'notify' | 'listen'>,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {}

  announce(conversationId: string): void {
    void this.signals
      .notify(TOPIC, JSON.stringify({ from: this.instanceId, conversationId }))
      .catch((error: unknown) => this.logger.warn('directline.relay_send_failed', { error: error as Error }));
  }

  onChange(handler: (conversationId: string) => void): void {
    this.signals.listen(TOPIC, (payload) => {
      try {
        const message = JSON.parse(payload) as { from?: unknown; conversationId?: unknown };
        if (message.from !== this.instanceId && typeof message.conversationId === 'string') handler(message.conversationId);
      } catch {
        // Not a signal of ours.
      }
    });
  }
}
