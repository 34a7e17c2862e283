// The summary before filing (the manual's "Enviar Solicitud" screen, with its note on the 2-to-5-business-
// days answer). Ends with what the user chose: send, or which answer to correct.
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { authorizations as t } from '../messages/authorizations';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';

export const CONFIRM_REQUEST_DIALOG = 'requestAuthorization.confirm';

export type ConfirmRequestChoice = 'send' | 'place' | 'observation' | 'supports';

export interface ConfirmRequestOptions {
  member: string;
  place: string;
  observation: string;
  supports: string[];
}

const PROMPT = 'confirmRequest.prompt';
const STEPS = 'confirmRequest.steps';

const OPTIONS: (ChoiceOption & { value: ConfirmRequestChoice })[] = [
  { value: 'send', title: t.send, synonyms: ['enviar', 'si', 'radicar', 'confirmo'] },
  { value: 'place', title: t.changePlace, synonyms: ['municipio', 'lugar'] },
  { value: 'observation', title: t.changeObservation, synonyms: ['observacion', 'lo que necesito'] },
  { value: 'supports', title: t.changeSupports, synonyms: ['soportes', 'pdf', 'archivos'] },
];

export class ConfirmRequestDialog extends ComponentDialog {
  constructor() {
    super(CONFIRM_REQUEST_DIALOG);
    this.addDialog(new OptionsPrompt(PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [this.showSummaryStep.bind(this), this.endWithChoiceStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async showSummaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(t.summary(step.options as ConfirmRequestOptions));
    await step.context.sendActivity(t.privacyNote);
    const prompt: OptionsPromptOptions = { question: t.confirmQuestion, options: OPTIONS, help: t.confirmHelp };
    return step.prompt(PROMPT, prompt);
  }

  private async endWithChoiceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog((step.result as ChoiceOption).value as ConfirmRequestChoice);
  }
}
