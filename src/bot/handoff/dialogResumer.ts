// Gives the conversation back to the bot after an agent (or after the user left the queue): the active
// dialog re-asks its question, so the interrupted task continues; with nothing on the stack, the menu.
import { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { Dialog, DialogSet, DialogState } from 'botbuilder-dialogs';
import { repromptInnermost } from '../repromptInnermost';

export interface BotResumer {
  resume(context: TurnContext): Promise<void>;
}

export class DialogResumer implements BotResumer {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    dialogState: StatePropertyAccessor<DialogState>,
    private readonly mainDialog: Dialog,
    private readonly startOptions: object = {},
  ) {
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(mainDialog);
  }

  async resume(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) await repromptInnermost(dc);
    else await dc.beginDialog(this.mainDialog.id, this.startOptions);
    await this.conversationState.saveChanges(context, false);
  }
}

/**
 * Breaks the construction cycle MainDialog → HandoffStarter → HandoffService → gateway → resumer →
 * MainDialog: the gateway gets this, and the composition root points it at the DialogResumer once built.
 */
export class DeferredResumer implements BotResumer {
  private target?: BotResumer;

  bind(target: BotResumer): void {
    this.target = target;
  }

  async resume(context: TurnContext): Promise<void> {
    if (!this.target) throw new Error('DeferredResumer used before bind()');
    await this.target.resume(context);
  }
}
