// The ActivityHandler every channel runs: it starts the main dialog (welcome and menu) for a new
// conversation, continues it for each message, and saves state once at the end of the turn.
import { ActivityHandler, ConversationState, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { MainDialog, MenuLoopOptions } from '../../dialogs/mainDialog';
import { ConversationAccessors } from './conversationData';
import { DialogMemoryConfiguration } from './dialogMemoryConfiguration';

export class OficinaBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly memoryConfiguration = new DialogMemoryConfiguration();

  constructor(
    private readonly conversationState: ConversationState,
    accessors: ConversationAccessors,
    mainDialog: MainDialog,
  ) {
    super();
    this.dialogs = new DialogSet(accessors.dialogState);
    this.dialogs.add(mainDialog);

    this.onMessage(async (context, next) => {
      await this.continueOrStart(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await this.continueOrStart(context, true);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    this.memoryConfiguration.lend(context);
    await super.run(context);
    this.memoryConfiguration.keep(context);
    await this.conversationState.saveChanges(context, false);
  }

  private async continueOrStart(context: TurnContext, greetingOnly = false): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      if (greetingOnly) return;
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }
    const options: MenuLoopOptions = { welcome: true, firstText: greetingOnly ? undefined : context.activity.text };
    await dc.beginDialog(this.dialogs.find('mainDialog')!.id, options);
  }
}
