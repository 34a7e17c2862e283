// What the bot core needs from features that land in their own issues (handoff, identity).
import { TurnContext } from 'botbuilder';

export type HandoffReason = 'user_request' | 'repeated_failures' | 'vital_risk';

/** Puts the conversation in the agents' queue; the handoff middleware takes over from then on. */
export interface HandoffStarter {
  requestAgent(context: TurnContext, reason: HandoffReason): Promise<void>;
}
