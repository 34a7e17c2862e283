// Marks a proactive turn as the agent's, so the transcript recorder files what it sends under the agent
// and not under the bot.
import { TurnContext } from 'botbuilder';

const AGENT_TURN = Symbol('handoffAgentTurn');

export function markAgentTurn(context: TurnContext, agentId: string): void {
  context.turnState.set(AGENT_TURN, agentId);
}

export function agentOfTurn(context: TurnContext): string | undefined {
  const value: unknown = context.turnState.get(AGENT_TURN);
  return typeof value === 'string' ? value : undefined;
}
