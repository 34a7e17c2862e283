// MainDialog's "asesor": queues the conversation (the task in progress stays on the dialog stack, so
// the bot resumes it afterwards), tells the user their place or, outside business hours, what happens
// next, and emits the Bot Framework handoff.initiate event for hubs that understand it.
import { ActivityTypes, EventFactory, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogState } from 'botbuilder-dialogs';
import { emergency } from '../../../dialogs/messages/emergency';
import { handoff as texts } from '../../../dialogs/messages/handoff';
import { HandoffStarter } from '../ports';
import { AgentHours, describeOpening } from '../../domain/agentHours';
import { Clock } from '../../domain/clock';
import { conversationKeyOf, HandoffReason } from '../../domain/handoff';
import { AuthSession, sessionStatus } from '../../domain/session';
import { HandoffService, QueuedHandoff } from '../../services/handoffService';
import { activeChain } from '../activeDialogs';
import { RecentFailureHints } from './repeatedFailureHintMiddleware';
import { hasTaskLabel } from './taskLabels';
import { rememberTurnHandoff } from './turnHandoff';

export interface HandoffStarterDeps {
  service: HandoffService;
  hours: Pick<AgentHours, 'describe'>;
  clock: Clock;
  dialogState: StatePropertyAccessor<DialogState>;
  session?: StatePropertyAccessor<AuthSession | undefined>;
  /** Conversations that were just offered an agent after repeated failures. */
  failureHints?: RecentFailureHints;
}

export class ServiceHandoffStarter implements HandoffStarter {
  constructor(private readonly deps: HandoffStarterDeps) {}

  async requestAgent(context: TurnContext, reason: HandoffReason): Promise<void> {
    const activity = context.activity;
    const conversationKey = conversationKeyOf(activity.channelId, activity.conversation.id);
    const hinted = this.deps.failureHints?.consume(conversationKey) ?? false;
    const urgent = reason === 'vital_risk';
    const queued = await this.deps.service.request({
      conversationKey,
      channel: activity.channelId,
      reference: TurnContext.getConversationReference(activity) as Record<string, unknown>,
      reason: reason === 'user_request' && hinted ? 'repeated_failures' : reason,
      affiliateId: await this.affiliateId(context),
      activeTask: await this.activeTask(context),
      urgent,
    });
    rememberTurnHandoff(context, queued.handoff);
    const replies = urgent ? urgentReplies(queued) : this.replies(queued);
    await context.sendActivities(replies.map((text) => ({ type: ActivityTypes.Message, text })));
    if (!queued.alreadyOpen) {
      await context.sendActivity(
        EventFactory.createHandoffInitiation(context, { handoffId: queued.handoff.id, reason: queued.handoff.reason, position: queued.position }),
      );
    }
  }

  private replies({ handoff, position, alreadyOpen, nextOpening }: QueuedHandoff): string[] {
    if (alreadyOpen) {
      if (handoff.status === 'assigned') return [texts.alreadyWithAgent];
      return [handoff.mode === 'live' ? texts.alreadyQueued(position) : texts.callbackPending(position)];
    }
    if (handoff.mode === 'callback') {
      const now = this.deps.clock.now();
      return [texts.outsideHours(this.deps.hours.describe(), nextOpening ? describeOpening(nextOpening, now) : 'apenas abramos')];
    }
    return [texts.queued(position), texts.whileWaiting];
  }

  private async affiliateId(context: TurnContext): Promise<string | undefined> {
    const session = await this.deps.session?.get(context);
    if (!session || sessionStatus(session, this.deps.clock.now()) !== 'active') return undefined;
    return session.affiliateId;
  }

  /** The outermost dialog that names a task (what the agent sees as "trámite en curso"). */
  private async activeTask(context: TurnContext): Promise<string | undefined> {
    const ids = activeChain(await this.deps.dialogState.get(context)).map((d) => d.id);
    return ids.find((id) => hasTaskLabel(id) && !id.startsWith('mainDialog.')) ?? ids.find(hasTaskLabel);
  }
}

/** After the emergency guidance: what happens with the person's place in the queue. */
function urgentReplies({ handoff }: QueuedHandoff): string[] {
  if (handoff.status === 'assigned') return [emergency.urgentAgentTold];
  return [handoff.mode === 'live' ? emergency.urgentQueued : emergency.urgentOutsideHours];
}
