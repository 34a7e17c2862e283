// The summary before filing (the web office's "Enviar Solicitud" screen, with its note that the answer comes
// in 2 to 5 business days; docs/manual-map.md, section 8). Ends with what the user chose: send, or which
// answer to correct.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { authorizations as t } from '../messages/authorizations';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';

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

type ConfirmOption = ChoiceOption & { value: ConfirmRequestChoice };
type ConfirmStep<R = unknown> = Step<object, R, ConfirmRequestOptions>;

const OPTIONS: ConfirmOption[] = [
  { value: 'send', title: t.send, synonyms: ['enviar', 'si', 'radicar', 'confirmo'] },
  { value: 'place', title: t.changePlace, synonyms: ['municipio', 'lugar'] },
  { value: 'observation', title: t.changeObservation, synonyms: ['observacion', 'lo que necesito'] },
  { value: 'supports', title: t.changeSupports, synonyms: ['soportes', 'pdf', 'archivos'] },
];

export class ConfirmRequestDialog extends ComponentDialog<ConfirmRequestOptions> {
  constructor() {
    super(CONFIRM_REQUEST_DIALOG);
    this.addDialog(new OptionsPrompt(PROMPT));
    this.addDialog(waterfall<object, ConfirmRequestOptions>(STEPS, [this.showSummaryStep.bind(this), this.endWithChoiceStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Shows everything that will be filed, the privacy note, and what can be done now. */
  private async showSummaryStep(step: ConfirmStep): Promise<DialogTurnResult> {
    await step.context.sendActivity(t.summary(step.options));
    await step.context.sendActivity(t.privacyNote);
    const prompt: OptionsPromptOptions = { question: t.confirmQuestion, options: OPTIONS, help: t.confirmHelp };
    return step.prompt(PROMPT, prompt);
  }

  /** Ends with the choice; the parent files or corrects. */
  private async endWithChoiceStep(step: ConfirmStep<ConfirmOption>): Promise<DialogTurnResult> {
    return step.endDialog(step.result.value);
  }
}
