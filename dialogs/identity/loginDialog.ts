// Login (the virtual office's "Iniciar sesión"): document, password, then FinishLoginDialog (new password after a temporary
// one, the charter, the session). A wrong document or password gets one reply for both, and a choice to
// try again, recover the password or go back. Ends with true when logged in.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { markInputSensitive } from '../../src/bot/sensitiveInput';
import { turnClient } from '../../src/bot/turnClient';
import type { DocumentId } from '../../src/domain/model';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { AskDocumentDialog, ASK_DOCUMENT_DIALOG, AskDocumentOptions } from './askDocumentDialog';
import { fieldOptions } from './fieldPrompt';
import { FinishLoginDialog, FINISH_LOGIN_DIALOG, FinishLoginOptions } from './finishLoginDialog';
import type { IdentityDialogDeps } from './identityDialogDeps';
import { isForgotPasswordPhrase, passwordPrompt } from './identityPrompts';
import { RecoverPasswordDialog, RecoverPasswordOptions } from './recoverPasswordDialog';

const PASSWORD = 'login.password';
const AFTER_FAILURE = 'login.afterFailure';
const STEPS = 'login.steps';

export interface LoginOptions {
  /** Known already (right after registering): only the password is asked. */
  document?: DocumentId;
}

interface Values {
  document?: DocumentId;
  /** Set once the password failed: the last step then handles the "what now?" answer. */
  failed?: boolean;
}

type LoginStep<R = unknown> = Step<Values, R, LoginOptions>;

export class LoginDialog extends ComponentDialog<LoginOptions> {
  constructor(private readonly deps: IdentityDialogDeps) {
    super(DialogIds.login);
    this.addDialog(new AskDocumentDialog());
    this.addDialog(passwordPrompt(PASSWORD));
    this.addDialog(new OptionsPrompt(AFTER_FAILURE));
    this.addDialog(new FinishLoginDialog(deps));
    this.addDialog(new RecoverPasswordDialog(deps));
    this.addDialog(
      waterfall<Values, LoginOptions>(STEPS, [this.askDocumentStep.bind(this), this.askPasswordStep.bind(this), this.checkStep.bind(this), this.afterStep.bind(this)]),
    );
    this.initialDialogId = STEPS;
  }

  /** Asks the document (only the part the caller does not know already). */
  private async askDocumentStep(step: LoginStep): Promise<DialogTurnResult> {
    const known = step.options.document;
    return step.beginDialog(ASK_DOCUMENT_DIALOG, { document: known } satisfies AskDocumentOptions);
  }

  /** Asks the password; the prompt marks the turn sensitive so it is never echoed or kept. */
  private async askPasswordStep(step: LoginStep<DocumentId>): Promise<DialogTurnResult> {
    step.values.document = step.result;
    return step.prompt(PASSWORD, fieldOptions(identity.passwordQuestion, identity.passwordHelp));
  }

  /** One service call; the password lives only in this turn (never in dialog state). */
  private async checkStep(step: LoginStep<string>): Promise<DialogTurnResult> {
    const document = step.values.document!;
    const password = step.result;
    if (isForgotPasswordPhrase(password)) return this.recover(step, document);
    markInputSensitive(step.context);
    const outcome = await this.deps.authentication.login(document, password, turnClient(step.context));
    switch (outcome.kind) {
      case 'ok': {
        const { accountId, affiliateId, firstNames, mustChangePassword } = outcome;
        const options: FinishLoginOptions = { accountId, affiliateId, firstNames, mustChangePassword, documentNumber: document.number };
        return step.beginDialog(FINISH_LOGIN_DIALOG, options);
      }
      case 'invalid': {
        step.values.failed = true;
        const wait = outcome.retryAfterMs ? `\n${identity.waitBeforeRetry(outcome.retryAfterMs)}` : '';
        await step.context.sendActivity(identity.loginInvalid + wait);
        return step.prompt(AFTER_FAILURE, afterFailurePrompt());
      }
      case 'locked':
        await step.context.sendActivity(identity.locked(outcome.retryAfterMs));
        return step.endDialog(false);
      case 'slowed':
        await step.context.sendActivity(identity.slowedDown(outcome.retryAfterMs));
        return step.endDialog(false);
      case 'temp_expired':
        await step.context.sendActivity(identity.tempExpired);
        return step.endDialog(false);
      case 'not_active':
        await step.context.sendActivity(identity.notActive);
        return step.endDialog(false);
    }
  }

  /** After a failed password: try again, recover it or go back; otherwise passes on FinishLogin's result. */
  private async afterStep(step: LoginStep<boolean | ChoiceOption>): Promise<DialogTurnResult> {
    const values = step.values;
    if (!values.failed) return step.endDialog(step.result === true);
    // A failure prompted AFTER_FAILURE, whose answer is an option.
    switch (typeof step.result === 'object' ? step.result.value : undefined) {
      case 'retry':
        return step.replaceDialog(STEPS);
      case 'forgot':
        return this.recover(step, values.document!);
      default:
        return step.endDialog(false);
    }
  }

  /** Recovery, then back to the caller without a session (the SMS takes a moment to arrive). */
  private async recover(step: LoginStep, document: DocumentId): Promise<DialogTurnResult> {
    return step.beginDialog(DialogIds.recoverPassword, { document } satisfies RecoverPasswordOptions);
  }
}

function afterFailurePrompt(): OptionsPromptOptions {
  return {
    question: identity.afterFailureQuestion,
    options: [
      { value: 'retry', title: identity.retryOption, synonyms: ['de nuevo', 'otra vez', 'reintentar'] },
      { value: 'forgot', title: identity.forgotOption, synonyms: ['olvide', 'recuperar', 'recuperar contrasena'] },
      { value: 'menu', title: identity.backToMenuOption, synonyms: ['volver', 'salir del login'] },
    ],
    help: identity.passwordHelp,
  };
}
