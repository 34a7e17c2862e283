// What the bot keeps per conversation besides the dialog stack. Stored through botbuilder's
// ConversationState on the Knex storage, so it survives restarts and is shared by instances.
import { StatePropertyAccessor } from 'botbuilder';
import { DialogState } from 'botbuilder-dialogs';
import { AuthSession } from '../domain/session';

export interface ConversationAccessors {
  dialogState: StatePropertyAccessor<DialogState>;
  session: StatePropertyAccessor<AuthSession | undefined>;
}
