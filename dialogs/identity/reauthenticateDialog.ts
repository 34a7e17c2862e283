// Asks the logged-in person for the password again before a sensitive change (mobile, e-mail), as
// FIELD-NOTES requires. Three tries, under the same guessing limits as login. Ends with true or false.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { markInputSensitive } from '../../src/bot/sensitiveInput';
import type { AuthSession } from '../../src/domain/session';
import type { AuthenticationService } from '../../src/services/identity/authenticationService';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { fieldOptions } from './fieldPrompt';
import { passwordPrompt } from './identityPrompts';

const PASSWORD = 'reauthenticate.password';
export const REAUTH_MAX_TRIES = 3;

interface ReauthOptions {
  /** Tries already used (the dialog restarts itself after a wrong password). */
  tries?: number;
}

export class ReauthenticateDialog extends ComponentDialog {
  constructor(
    private readonly deps: { authentication: AuthenticationService; session: StatePropertyAccessor<AuthSession | undefined> },
  ) {
    super(DialogIds.reauthenticate);
    this.addDialog(passwordPrompt(PASSWORD));
    this.addDialog(new WaterfallDialog('reauthenticate.steps', [this.askStep.bind(this), this.verifyStep.bind(this)]));
    this.initialDialogId = 'reauthenticate.steps';
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const tries = ((step.options ?? {}) as ReauthOptions).tries ?? 0;
    const question = tries > 0 ? `${identity.reauthInvalid}\n${identity.reauthQuestion}` : identity.reauthQuestion;
    return step.prompt(PASSWORD, fieldOptions(question, identity.passwordHelp));
  }

  private async verifyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    markInputSensitive(step.context);
    const session = await this.deps.session.get(step.context);
    if (!session) return step.endDialog(false);
    const outcome = await this.deps.authentication.verifyPassword(session.accountId, step.result as string);
    if (outcome === 'ok') return step.endDialog(true);
    const tries = (((step.options ?? {}) as ReauthOptions).tries ?? 0) + 1;
    if (outcome === 'invalid' && tries < REAUTH_MAX_TRIES) return step.replaceDialog('reauthenticate.steps', { tries });
    await step.context.sendActivity(identity.reauthFailed);
    return step.endDialog(false);
  }
}
