// The charter of rights and duties, accepted before the menu (manual, section 7). The acceptance is
// recorded with the version shown, the time and the channel. Ends with true (accepted) or false.
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { RIGHTS_CHARTER } from '../../src/domain/consentTexts';
import type { ConsentService } from '../../src/services/identity/consentService';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { acceptOptions, legalSummary } from './legalText';

const ACCEPT = 'acceptCharter.accept';

export interface AcceptCharterOptions {
  affiliateId: string;
}

export class AcceptCharterDialog extends ComponentDialog {
  constructor(private readonly deps: { consents: ConsentService; publicUrl: string }) {
    super(DialogIds.acceptCharter);
    this.addDialog(new OptionsPrompt(ACCEPT));
    this.addDialog(new WaterfallDialog('acceptCharter.steps', [this.askStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = 'acceptCharter.steps';
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(
      legalSummary(identity.charterIntro, RIGHTS_CHARTER, identity.charterFullText(this.deps.publicUrl + RIGHTS_CHARTER.path)),
    );
    const prompt: OptionsPromptOptions = { question: identity.charterQuestion, options: acceptOptions(), help: identity.charterHelp };
    return step.prompt(ACCEPT, prompt);
  }

  private async recordStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as { value: string }).value !== 'accept') {
      await step.context.sendActivity(identity.charterDeclined);
      return step.endDialog(false);
    }
    const { affiliateId } = step.options as AcceptCharterOptions;
    await this.deps.consents.accept(affiliateId, 'rights_charter', RIGHTS_CHARTER.version, step.context.activity.channelId ?? 'unknown');
    return step.endDialog(true);
  }
}
