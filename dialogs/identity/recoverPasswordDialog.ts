// "Olvidé mi contraseña": document and issue date, then one reply whatever the data (see
// PasswordRecoveryService). The SMS goes only to the mobile on file. Ends with false: no one is logged in.
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { DocumentId, IsoDate } from '../../src/domain/model';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { AskDocumentDialog, ASK_DOCUMENT_DIALOG, AskDocumentOptions } from './askDocumentDialog';
import { fieldOptions } from './fieldPrompt';
import type { IdentityDialogDeps } from './identityDialogDeps';
import { issueDatePrompt } from './identityPrompts';

const ISSUE_DATE = 'recoverPassword.issueDate';

export interface RecoverPasswordOptions {
  /** Known when coming from a failed login. */
  document?: DocumentId;
}

export class RecoverPasswordDialog extends ComponentDialog {
  constructor(private readonly deps: IdentityDialogDeps) {
    super(DialogIds.recoverPassword);
    this.addDialog(new AskDocumentDialog());
    this.addDialog(issueDatePrompt(ISSUE_DATE, deps.clock));
    this.addDialog(
      new WaterfallDialog('recoverPassword.steps', [this.askDocumentStep.bind(this), this.askIssueDateStep.bind(this), this.requestStep.bind(this)]),
    );
    this.initialDialogId = 'recoverPassword.steps';
  }

  private async askDocumentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(identity.recoveryIntro);
    const known = ((step.options ?? {}) as RecoverPasswordOptions).document;
    return step.beginDialog(ASK_DOCUMENT_DIALOG, { document: known } satisfies AskDocumentOptions);
  }

  private async askIssueDateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as { document?: DocumentId }).document = step.result as DocumentId;
    return step.prompt(ISSUE_DATE, fieldOptions(identity.issueDateQuestion, identity.issueDateHelp));
  }

  private async requestStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const document = (step.values as { document: DocumentId }).document;
    const outcome = await this.deps.recovery.requestRecovery(document, step.result as IsoDate);
    await step.context.sendActivity(outcome.kind === 'accepted' ? identity.recoveryAccepted : identity.smsLimit);
    return step.endDialog(false);
  }
}
