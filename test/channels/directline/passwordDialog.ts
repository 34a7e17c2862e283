// A stand-in for the login dialog (menu option 2): asks for a password and marks the answer as a secret,
// as the real identity dialogs do, so channel tests can check that secrets are never shown back.
import { ComponentDialog, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { DialogIds } from '../../../dialogs/ids';
import { markInputSensitive } from '../../../src/bot/sensitiveInput';

export const PASSWORD_QUESTION = 'Escribe tu contraseña.';

export const passwordReceived = (length: number) => `Recibí una contraseña de ${length} caracteres.`;

/** Stands in for the login dialog: asks for the password and marks the answer as a secret. */
export class PasswordDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.login);
    this.addDialog(
      new TextPrompt('password', async (prompt) => {
        markInputSensitive(prompt.context);
        return true;
      }),
    );
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step) => step.prompt('password', { prompt: PASSWORD_QUESTION }),
        async (step) => {
          await step.context.sendActivity(passwordReceived(String(step.result).length));
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

