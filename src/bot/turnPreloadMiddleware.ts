// The reads a user's turn starts with (its bot state, its handoff) are started together at the
// beginning of the turn instead of one after the other as the middleware reaches them: the second no
// longer waits for the first's round trip. Each read keeps its promise in the turn's state, where the
// code that needs it picks it up; a failed read fails there, as it would have without the preload.
import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';

export type TurnPreload = (context: TurnContext) => Promise<unknown>;

export class TurnPreloadMiddleware implements Middleware {
  constructor(private readonly preloads: readonly TurnPreload[]) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type === ActivityTypes.Message) {
      // Not awaited here; whoever uses the value awaits it (and sees its error).
      for (const preload of this.preloads) void preload(context).catch(() => undefined);
    }
    await next();
  }
}
