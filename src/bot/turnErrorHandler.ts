// The one place unexpected errors end up: log without personal data, apologise, offer an agent,
// and reset the dialog stack so the next message starts clean (the login session is kept).
import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogState } from 'botbuilder-dialogs';
import { common } from '../../dialogs/messages/common';
import { Logger, pseudonym } from '../observability/logger';

export function createTurnErrorHandler(deps: {
  logger: Logger;
  dialogState: StatePropertyAccessor<DialogState>;
  saveState: (context: TurnContext) => Promise<void>;
}): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    deps.logger.error('turn_error', {
      error,
      errorMessageHash: pseudonym(String(error?.message ?? '')),
      channel: context.activity.channelId,
      conversation: pseudonym(context.activity.conversation?.id ?? ''),
    });
    try {
      await context.sendActivity(common.turnError);
      await deps.dialogState.delete(context);
      await deps.saveState(context);
    } catch (secondary) {
      // The channel itself may be what failed; nothing more to tell the user.
      deps.logger.error('turn_error_recovery_failed', { error: secondary as Error });
    }
  };
}
