// "Olvidé mi contraseña": document and issue date, then one reply whatever the data (see
// PasswordRecoveryService). The SMS goes only to the mobile on file. Ends with false: no one is logged in.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import type { DocumentId, IsoDate } from '../../src/domain/model';
import { DialogIds } from '../ids';
import { Step, waterfall } from '../waterfall';
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

interface Values {
  document: DocumentId;
}

type RecoverStep<R = unknown> = Step<Values, R, RecoverPasswordOptions>;

export class RecoverPasswordDialog extends ComponentDialog<RecoverPasswordOptions> {
  constructor(private readonly deps: IdentityDialogDeps) {
    super(DialogIds.recoverPassword);
    this.addDialog(new AskDocumentDialog());
    this.addDialog(issueDatePrompt(ISSUE_DATE, deps.clock));
    this.addDialog(
      waterfall<Values, RecoverPasswordOptions>('recoverPassword.steps', [this.askDocumentStep.bind(this), this.askIssueDateStep.bind(this), this.requestStep.bind(this)]),
    );
    this.initialDialogId = 'recoverPassword.steps';
  }

  /** Says how recovery works, then asks the document (unless the failed login already knows it). */
  private async askDocumentStep(step: RecoverStep): Promise<DialogTurnResult> {
    await step.context.sendActivity(identity.recoveryIntro);
    const known = step.options.document;
    return step.beginDialog(ASK_DOCUMENT_DIALOG, { document: known } satisfies AskDocumentOptions);
  }

  /** Asks the issue date: the second factor before any SMS is sent. */
  private async askIssueDateStep(step: RecoverStep<DocumentId>): Promise<DialogTurnResult> {
    step.values.document = step.result;
    return step.prompt(ISSUE_DATE, fieldOptions(identity.issueDateQuestion, identity.issueDateHelp));
  }

  /** One service call and one reply whatever the data, so no one learns whether a document is known. */
  private async requestStep(step: RecoverStep<IsoDate>): Promise<DialogTurnResult> {
    const outcome = await this.deps.recovery.requestRecovery(step.values.document, step.result);
    await step.context.sendActivity(outcome.kind === 'accepted' ? identity.recoveryAccepted : identity.smsLimit);
    return step.endDialog(false);
  }
}
