// The Direct Line relay over coordination signals (PostgreSQL NOTIFY): each bot activity is announced
// with the sending instance's id; the other instances take it if they hold the conversation. Activities
// too large for a signal (long texts, many attachments) are not relayed and the failure is logged.
import type { Logger } from '../../observability/logger';
import type { Coordination } from '../../services/ports/coordination';
import type { ActivityRelay } from './directLineChannel';
import type { StoredActivity } from './directLineStore';

const TOPIC = 'directline-activity';

export class SignalledActivityRelay implements ActivityRelay {
  constructor(
    private readonly signals: Pick<Coordination, 'notify' | 'listen'>,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {}

  send(conversationId: string, activity: StoredActivity): void {
    void this.signals
      .notify(TOPIC, JSON.stringify({ from: this.instanceId, conversationId, activity }))
      .catch((error: unknown) => this.logger.warn('directline.relay_send_failed', { error: error as Error }));
  }

  onActivity(handler: (conversationId: string, activity: StoredActivity) => void): void {
    this.signals.listen(TOPIC, (payload) => {
      const message = JSON.parse(payload) as { from: string; conversationId: string; activity: StoredActivity };
      if (message.from !== this.instanceId) handler(message.conversationId, message.activity);
    });
  }
}
