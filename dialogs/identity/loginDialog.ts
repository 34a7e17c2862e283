// Login (the virtual office's "Iniciar sesión"): document, password, then FinishLoginDialog (new password after a temporary
// one, the charter, the session). A wrong document or password gets one reply for both, and a choice to
// try again, recover the password or go back. Ends with true when logged in.
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { markInputSensitive } from '../../src/bot/sensitiveInput';
import { turnClient } from '../../src/bot/turnClient';
import type { DocumentId } from '../../src/domain/model';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
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

export class LoginDialog extends ComponentDialog {
  constructor(private readonly deps: IdentityDialogDeps) {
    super(DialogIds.login);
    this.addDialog(new AskDocumentDialog());
    this.addDialog(passwordPrompt(PASSWORD));
    this.addDialog(new OptionsPrompt(AFTER_FAILURE));
    this.addDialog(new FinishLoginDialog(deps));
    this.addDialog(new RecoverPasswordDialog(deps));
    this.addDialog(
      new WaterfallDialog(STEPS, [this.askDocumentStep.bind(this), this.askPasswordStep.bind(this), this.checkStep.bind(this), this.afterStep.bind(this)]),
    );
    this.initialDialogId = STEPS;
  }

  private async askDocumentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const known = ((step.options ?? {}) as LoginOptions).document;
    return step.beginDialog(ASK_DOCUMENT_DIALOG, { document: known } satisfies AskDocumentOptions);
  }

  private async askPasswordStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Values).document = step.result as DocumentId;
    return step.prompt(PASSWORD, fieldOptions(identity.passwordQuestion, identity.passwordHelp));
  }

  /** One service call; the password lives only in this turn (never in dialog state). */
  private async checkStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const document = (step.values as Values).document!;
    const password = step.result as string;
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
        (step.values as Values).failed = true;
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

  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as Values;
    if (!values.failed) return step.endDialog(step.result === true);
    switch ((step.result as { value: string }).value) {
      case 'retry':
        return step.replaceDialog(STEPS);
      case 'forgot':
        return this.recover(step, values.document!);
      default:
        return step.endDialog(false);
    }
  }

  /** Recovery, then back to the caller without a session (the SMS takes a moment to arrive). */
  private async recover(step: WaterfallStepContext, document: DocumentId): Promise<DialogTurnResult> {
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
