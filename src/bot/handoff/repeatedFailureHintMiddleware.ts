// After three failed answers at one step, the retry also offers a person: "escribe *asesor*". The hint is
// appended to the re-asked question itself (the activity that expects input), so channels that show
// buttons only under the last message keep them. Prompts count failures in state.attemptCount.
import { Activity, InputHints, Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogState } from 'botbuilder-dialogs';
import { handoff as texts } from '../../../dialogs/messages/handoff';
import { BoundedMap } from '../../domain/boundedMap';
import { Clock } from '../../domain/clock';
import { conversationKeyOf } from '../../domain/handoff';
import { innermostAttemptCount } from '../activeDialogs';

export const FAILURES_BEFORE_HINT = 3;

/**
 * Conversations that were just offered a person, so the handoff that follows is filed as
 * 'repeated_failures'. In memory: after a restart the request is simply filed as 'user_request'.
 */
export class RecentFailureHints {
  // One entry per conversation offered a person; bounded, so a flood of conversations cannot grow it.
  private readonly offeredAt = new BoundedMap<string, number>(10_000);

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  remember(conversationKey: string): void {
    const now = this.clock.now().getTime();
    for (const [key, at] of this.offeredAt) if (now - at > this.ttlMs) this.offeredAt.delete(key);
    this.offeredAt.set(conversationKey, now);
  }

  /** True (once) when the conversation was offered a person recently. */
  consume(conversationKey: string): boolean {
    const at = this.offeredAt.get(conversationKey);
    this.offeredAt.delete(conversationKey);
    return at !== undefined && this.clock.now().getTime() - at <= this.ttlMs;
  }
}

export class RepeatedFailureHintMiddleware implements Middleware {
  constructor(
    private readonly dialogState: StatePropertyAccessor<DialogState>,
    private readonly hints: RecentFailureHints,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== 'message' || !context.activity.conversation) return next();
    const before = innermostAttemptCount(await this.dialogState.get(context));
    let hinted = false;
    const shouldHint = async (): Promise<boolean> => {
      if (hinted) return false;
      const now = innermostAttemptCount(await this.dialogState.get(context));
      return now >= FAILURES_BEFORE_HINT && now > before;
    };
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      const question = lastQuestion(activities);
      if (question && (await shouldHint())) {
        hinted = true;
        question.text = question.text ? `${question.text}\n\n${texts.repeatedFailuresHint}` : texts.repeatedFailuresHint;
      }
      return sendNext();
    });
    await next();
    // A validator that sent its own retry (without "expecting input") still gets the hint, after it.
    if (await shouldHint()) {
      hinted = true;
      await context.sendActivity(texts.repeatedFailuresHint);
    }
    if (hinted) this.hints.remember(conversationKeyOf(context.activity.channelId, context.activity.conversation.id));
  }
}

function lastQuestion(activities: Partial<Activity>[]): Partial<Activity> | undefined {
  for (let i = activities.length - 1; i >= 0; i--) {
    const a = activities[i];
    if ((a.type ?? 'message') === 'message' && a.inputHint === InputHints.ExpectingInput) return a;
  }
  return undefined;
}
