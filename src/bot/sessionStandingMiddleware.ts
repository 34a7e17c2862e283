// Ends a logged-in conversation when the EPS's records say so: the person is no longer activo, or a status
// change stamped their sessions as ended after this one started. Checked on each message of a conversation
// with a session (one indexed read), so it holds across instances and restarts without tracking sessions.
// The dialog stack goes too: a task begun as that person must not go on.
import type { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { session as sessionTexts } from '../../dialogs/messages/session';
import type { AuthSession } from '../domain/session';
import type { SessionStandingReader } from '../services/affiliateFeed/ports';

export interface SessionStandingDeps {
  standing: SessionStandingReader;
  session: StatePropertyAccessor<AuthSession | undefined>;
  dialogState: StatePropertyAccessor<DialogState>;
}

export class SessionStandingMiddleware implements Middleware {
  constructor(private readonly deps: SessionStandingDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type === 'message') {
      const current = await this.deps.session.get(context);
      if (current && (await this.ended(current))) {
        await this.deps.session.delete(context);
        await this.deps.dialogState.delete(context);
        await context.sendActivity(sessionTexts.endedByRecords);
      }
    }
    await next();
  }

  private async ended(session: AuthSession): Promise<boolean> {
    const standing = await this.deps.standing.standing(session.affiliateId);
    if (!standing || standing.status !== 'activo') return true;
    return standing.sessionsEndedAt !== undefined && standing.sessionsEndedAt.getTime() >= Date.parse(session.startedAt);
  }
}
