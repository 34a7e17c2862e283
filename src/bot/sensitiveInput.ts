// A dialog that receives a secret (password, one-time code) marks the turn, so the transcript kept for
// agents and any recorder store "[oculto]" instead of what the user typed.
import { TurnContext } from 'botbuilder';

const SENSITIVE_INPUT = Symbol('sensitiveInput');

export function markInputSensitive(context: TurnContext): void {
  context.turnState.set(SENSITIVE_INPUT, true);
}

export function isInputSensitive(context: TurnContext): boolean {
  return context.turnState.get(SENSITIVE_INPUT) === true;
}

export const REDACTED_TEXT = '[oculto]';

/** On a question whose answer is a secret: channels that can mask the next input do (the web chat page). */
export const SECRET_INPUT_CHANNEL_DATA = Object.freeze({ inputKind: 'password' });
