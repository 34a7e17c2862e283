// The charter of rights and duties, accepted before the menu (the manual's section 7, docs/manual-map.md).
// The acceptance is recorded with the version shown, the time and the channel. Ends with true (accepted) or
// false.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { RIGHTS_CHARTER } from '../../src/domain/consentTexts';
import type { ConsentService } from '../../src/services/identity/consentService';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { acceptOptions, legalSummary } from './legalText';

const ACCEPT = 'acceptCharter.accept';

export interface AcceptCharterOptions {
  affiliateId: string;
}

type CharterStep<R = unknown> = Step<object, R, AcceptCharterOptions>;

export class AcceptCharterDialog extends ComponentDialog<AcceptCharterOptions> {
  constructor(private readonly deps: { consents: ConsentService; publicUrl: string }) {
    super(DialogIds.acceptCharter);
    this.addDialog(new OptionsPrompt(ACCEPT));
    this.addDialog(waterfall<object, AcceptCharterOptions>('acceptCharter.steps', [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = 'acceptCharter.steps';
  }

  /** The charter's summary, a link to the full text, and an explicit yes or no. */
  private async askStep(step: CharterStep): Promise<DialogTurnResult> {
    await step.context.sendActivity(
      legalSummary(identity.charterIntro, RIGHTS_CHARTER, identity.charterFullText(this.deps.publicUrl + RIGHTS_CHARTER.path)),
    );
    const prompt: OptionsPromptOptions = { question: identity.charterQuestion, options: acceptOptions(), help: identity.charterHelp };
    return step.prompt(ACCEPT, prompt);
  }

  /** Records the acceptance with the version shown: it is the proof the EPS keeps. */
  private async recordStep(step: CharterStep<ChoiceOption>): Promise<DialogTurnResult> {
    if (step.result.value !== 'accept') {
      await step.context.sendActivity(identity.charterDeclined);
      return step.endDialog(false);
    }
    const { affiliateId } = step.options;
    await this.deps.consents.accept(affiliateId, 'rights_charter', RIGHTS_CHARTER.version, step.context.activity.channelId ?? 'unknown');
    return step.endDialog(true);
  }
}
