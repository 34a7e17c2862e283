// botbuilder-dialogs builds the memory scopes and path resolvers of dialog state again for every turn
// that has none (DialogStateManager: a service collection configured and its instances made, each turn).
// They hold no turn data — each scope reads the dialog context it is given — so the first turn's set is
// kept and lent to every later turn, as botbuilder's own DialogManager does with its stateConfiguration.
import type { TurnContext } from 'botbuilder';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';

/** Where DialogStateManager looks for (and leaves) the turn's configuration. */
const TURN_STATE_KEY = 'DialogStateManagerConfiguration';

export class DialogMemoryConfiguration {
  private kept: DialogStateManagerConfiguration | undefined;

  /** Before the turn's first dialog context: the set kept from an earlier turn, if any. */
  lend(context: TurnContext): void {
    if (this.kept && !context.turnState.has(TURN_STATE_KEY)) context.turnState.set(TURN_STATE_KEY, this.kept);
  }

  /** After a turn: keep the set its dialog contexts built. */
  keep(context: TurnContext): void {
    this.kept ??= context.turnState.get(TURN_STATE_KEY) as DialogStateManagerConfiguration | undefined;
  }
}
