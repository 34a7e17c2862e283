// Registration (the manual's sections 3–6, see docs/manual-map.md): document, mobile, issue date, the data
// policy and an explicit acceptance; then one service call. The reply never reveals whether a document exists
// until every factor matched (see RegistrationService).
import { ComponentDialog, Dialog, DialogTurnResult } from 'botbuilder-dialogs';
import type { Clock } from '../../src/domain/clock';
import { PRIVACY_POLICY } from '../../src/domain/consentTexts';
import type { DocumentId, IsoDate } from '../../src/domain/model';
import type { RegistrationOutcome, RegistrationService } from '../../src/services/identity/registrationService';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { AskDocumentDialog, ASK_DOCUMENT_DIALOG } from './askDocumentDialog';
import { fieldOptions } from './fieldPrompt';
import type { LoginOptions } from './loginDialog';
import { issueDatePrompt, mobilePrompt } from './identityPrompts';
import { acceptOptions, legalSummary } from './legalText';

const MOBILE = 'registration.mobile';
const ISSUE_DATE = 'registration.issueDate';
const ACCEPT = 'registration.accept';

export interface RegistrationDialogDeps {
  registration: RegistrationService;
  clock: Clock;
  /** PUBLIC_URL, for the link to the full policy. */
  publicUrl: string;
  /** Login, begun right after a registration with the document already known (the SMS password is next). */
  login?: Dialog;
}

/** Filled in step order: the register step reads all three. */
interface Values {
  document: DocumentId;
  mobile: string;
  issueDate: IsoDate;
}

type RegistrationStep<R = unknown> = Step<Values, R>;

export class RegistrationDialog extends ComponentDialog {
  constructor(private readonly deps: RegistrationDialogDeps) {
    super(DialogIds.register);
    this.addDialog(new AskDocumentDialog());
    if (deps.login) this.addDialog(deps.login);
    this.addDialog(mobilePrompt(MOBILE));
    this.addDialog(issueDatePrompt(ISSUE_DATE, deps.clock));
    this.addDialog(new OptionsPrompt(ACCEPT));
    this.addDialog(
      waterfall<Values>('registration.steps', [
        this.askDocumentStep.bind(this),
        this.askMobileStep.bind(this),
        this.askIssueDateStep.bind(this),
        this.askConsentStep.bind(this),
        this.registerStep.bind(this),
      ]),
    );
    this.initialDialogId = 'registration.steps';
  }

  /** Says what registering takes, then asks the document. */
  private async askDocumentStep(step: RegistrationStep): Promise<DialogTurnResult> {
    await step.context.sendActivity(identity.registrationIntro);
    return step.beginDialog(ASK_DOCUMENT_DIALOG);
  }

  /** Asks the mobile on record: the second factor, and where the password will arrive. */
  private async askMobileStep(step: RegistrationStep<DocumentId>): Promise<DialogTurnResult> {
    step.values.document = step.result;
    return step.prompt(MOBILE, fieldOptions(identity.mobileQuestion, identity.mobileHelp));
  }

  /** Asks the document's issue date: the third factor, one a stranger rarely knows. */
  private async askIssueDateStep(step: RegistrationStep<string>): Promise<DialogTurnResult> {
    step.values.mobile = step.result;
    return step.prompt(ISSUE_DATE, fieldOptions(identity.issueDateQuestion, identity.issueDateHelp));
  }

  /** The policy summary (Ley 1581 wording), a link to the full text, and an explicit yes or no. */
  private async askConsentStep(step: RegistrationStep<IsoDate>): Promise<DialogTurnResult> {
    step.values.issueDate = step.result;
    await step.context.sendActivity(
      legalSummary(identity.privacyIntro, PRIVACY_POLICY, identity.privacyFullText(this.deps.publicUrl + PRIVACY_POLICY.path)),
    );
    const prompt: OptionsPromptOptions = { question: identity.privacyQuestion, options: acceptOptions(), help: identity.privacyHelp };
    return step.prompt(ACCEPT, prompt);
  }

  /** One service call with every factor; the reply says as little as the outcome allows. */
  private async registerStep(step: RegistrationStep<ChoiceOption>): Promise<DialogTurnResult> {
    if (step.result.value !== 'accept') {
      await step.context.sendActivity(identity.privacyDeclined);
      return step.endDialog(false);
    }
    const values = step.values;
    const outcome = await this.deps.registration.register({
      document: values.document,
      mobile: values.mobile,
      issueDate: values.issueDate,
      privacyPolicyVersion: PRIVACY_POLICY.version,
      channel: step.context.activity.channelId ?? 'unknown',
    });
    if (outcome.kind === 'registered' && this.deps.login) {
      // The person just gave their document: the login goes straight to the password the SMS brings.
      await step.context.sendActivity(identity.registeredThenLogin(outcome.mobileLastDigits, outcome.tempPasswordTtlMinutes));
      return step.beginDialog(DialogIds.login, { document: values.document } satisfies LoginOptions);
    }
    await step.context.sendActivity(replyFor(outcome));
    return step.endDialog(outcome.kind === 'registered');
  }
}

function replyFor(outcome: RegistrationOutcome): string {
  switch (outcome.kind) {
    case 'registered':
      return identity.registered(outcome.mobileLastDigits, outcome.tempPasswordTtlMinutes);
    case 'already_registered':
      return identity.alreadyRegistered;
    case 'not_verified':
      return identity.notVerified;
    case 'too_many_attempts':
      return identity.tooManyAttempts;
    case 'sms_limit':
      return identity.smsLimit;
  }
}
