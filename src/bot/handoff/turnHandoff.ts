// The conversation's open handoff as this turn knows it: read once at the start of a user's turn by the
// handoff middleware, updated when the turn itself queues or leaves one, and used after the turn to
// route its transcript lines to the console without reading the handoff again.
import type { TurnContext } from 'botbuilder';
import type { Handoff } from '../../domain/handoff';

const TURN_HANDOFF = Symbol('turnHandoff');

export function rememberTurnHandoff(context: TurnContext, open: Handoff | undefined): void {
  context.turnState.set(TURN_HANDOFF, { open });
}

/** Undefined when this turn never looked (proactive turns): the caller reads it then. */
export function turnHandoff(context: TurnContext): { open?: Handoff } | undefined {
  return context.turnState.get(TURN_HANDOFF) as { open?: Handoff } | undefined;
}
