// "Tienes novedades": notices that could not reach the affiliate when they were issued (a web chat already
// closed, WhatsApp outside its window) are shown after the first turn in which they are signed in, on
// whatever channel they write from. Shown once: each notice is marked when sent.
import { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { backOffice as texts } from '../../dialogs/messages/backOffice';
import type { Clock } from '../domain/clock';
import { AuthSession, sessionStatus } from '../domain/session';
import type { Logger } from '../observability/logger';
import type { AffiliateNoticeStore } from '../services/ports/backOffice';

export class PendingNoticesMiddleware implements Middleware {
  constructor(
    private readonly deps: { session: StatePropertyAccessor<AuthSession | undefined>; notices: AffiliateNoticeStore; clock: Clock; logger: Logger },
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await next();
    if (context.activity.type !== 'message') return;
    try {
      const current = await this.deps.session.get(context);
      if (!current || sessionStatus(current, this.deps.clock.now()) !== 'active') return;
      const pending = await this.deps.notices.pending(current.affiliateId);
      if (pending.length === 0) return;
      await context.sendActivity(texts.noticesHeading(pending.length));
      for (const notice of pending) await context.sendActivity(notice.text);
      await this.deps.notices.markShown(pending.map((n) => n.id), this.deps.clock.now());
    } catch (error) {
      // The news waits for the next turn; the user's answer already went out.
      this.deps.logger.error('pending_notices_failed', { error: error as Error });
    }
  }
}
