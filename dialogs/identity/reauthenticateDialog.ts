// Asks the logged-in person for the password again before a sensitive change (mobile, e-mail): they receive
// codes and notices, so whoever holds an unattended session must not redirect them. Three tries, under the
// same guessing limits as login. Ends with true or false.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { markInputSensitive } from '../../src/bot/sensitiveInput';
import type { AuthSession } from '../../src/domain/session';
import type { AuthenticationService } from '../../src/services/identity/authenticationService';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { Step, waterfall } from '../waterfall';
import { fieldOptions } from './fieldPrompt';
import { passwordPrompt } from './identityPrompts';

const PASSWORD = 'reauthenticate.password';
export const REAUTH_MAX_TRIES = 3;

interface ReauthOptions {
  /** Tries already used (the dialog restarts itself after a wrong password). */
  tries?: number;
}

type ReauthStep<R = unknown> = Step<object, R, ReauthOptions>;

export class ReauthenticateDialog extends ComponentDialog<ReauthOptions> {
  constructor(
    private readonly deps: { authentication: AuthenticationService; session: StatePropertyAccessor<AuthSession | undefined> },
  ) {
    super(DialogIds.reauthenticate);
    this.addDialog(passwordPrompt(PASSWORD));
    this.addDialog(waterfall<object, ReauthOptions>('reauthenticate.steps', [this.askStep.bind(this), this.verifyStep.bind(this)]));
    this.initialDialogId = 'reauthenticate.steps';
  }

  /** Asks the password, saying the last one was wrong when this is a retry. */
  private async askStep(step: ReauthStep): Promise<DialogTurnResult> {
    const tries = step.options.tries ?? 0;
    const question = tries > 0 ? `${identity.reauthInvalid}\n${identity.reauthQuestion}` : identity.reauthQuestion;
    return step.prompt(PASSWORD, fieldOptions(question, identity.passwordHelp));
  }

  /** Checks it under the login's guessing limits; a wrong one restarts the dialog with one try fewer. */
  private async verifyStep(step: ReauthStep<string>): Promise<DialogTurnResult> {
    markInputSensitive(step.context);
    const session = await this.deps.session.get(step.context);
    if (!session) return step.endDialog(false);
    const outcome = await this.deps.authentication.verifyPassword(session.accountId, step.result);
    if (outcome === 'ok') return step.endDialog(true);
    const tries = (step.options.tries ?? 0) + 1;
    if (outcome === 'invalid' && tries < REAUTH_MAX_TRIES) return step.replaceDialog('reauthenticate.steps', { tries } satisfies ReauthOptions);
    await step.context.sendActivity(identity.reauthFailed);
    return step.endDialog(false);
  }
}
