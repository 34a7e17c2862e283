// What the bot core needs from the handoff feature (src/bot/handoff/), kept as a port so the dialogs
// and the bot can be tested with a recording fake instead of the whole handoff wiring.
import { TurnContext } from 'botbuilder';
import type { HandoffReason } from '../domain/handoff';

/** Puts the conversation in the agents' queue; the handoff middleware takes over from then on. */
export interface HandoffStarter {
  requestAgent(context: TurnContext, reason: HandoffReason): Promise<void>;
}
