// "Consulta PQRDS" (the manual's section 11, docs/manual-map.md) and filing a new one, behind one menu entry
// that needs no login.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { AuthSession } from '../../src/domain/session';
import { StagedFiles } from '../../src/services/authorizationRequests/ports';
import { SupportIntake } from '../../src/services/media/supportIntake';
import { PqrdsService } from '../../src/services/selfService/pqrdsService';
import { DialogIds } from '../ids';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { FILE_PQRDS_DIALOG, FilePqrdsDialog } from './filePqrdsDialog';
import { PqrdsStatusDialog, PQRDS_STATUS_DIALOG } from './pqrdsStatusDialog';

const CHOICE = 'pqrds.choice';
const STEPS = 'pqrds.steps';

type PqrdsChoice = 'status' | 'file';

export interface PqrdsDialogDeps {
  session: StatePropertyAccessor<AuthSession | undefined>;
  service: PqrdsService;
  /** Without them a PQRDS is filed without the optional PDF step. */
  supports?: { intake: SupportIntake; staged: Pick<StagedFiles, 'remove'> };
}

export class PqrdsDialog extends ComponentDialog {
  constructor(deps: PqrdsDialogDeps) {
    super(DialogIds.pqrds);
    this.addDialog(new OptionsPrompt(CHOICE));
    this.addDialog(new PqrdsStatusDialog(deps.service, deps.session));
    this.addDialog(new FilePqrdsDialog(deps.session, deps.service, deps.supports));
    this.addDialog(waterfall(STEPS, [this.chooseStep.bind(this), this.runStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Follow a PQRDS already filed, or file a new one. */
  private async chooseStep(step: Step): Promise<DialogTurnResult> {
    const options: ChoiceOption<PqrdsChoice>[] = [
      { value: 'status', title: texts.pqrdsStatusOption, synonyms: ['consultar', 'estado', 'seguimiento'] },
      { value: 'file', title: texts.pqrdsFileOption, synonyms: ['radicar', 'nueva', 'crear', 'poner'] },
    ];
    const prompt: OptionsPromptOptions = { question: texts.pqrdsQuestion, options, help: texts.pqrdsHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** Hands over to the chosen flow (replacing this dialog: nothing follows it). */
  private async runStep(step: Step<object, ChoiceOption<PqrdsChoice>>): Promise<DialogTurnResult> {
    return step.replaceDialog(step.result.value === 'status' ? PQRDS_STATUS_DIALOG : FILE_PQRDS_DIALOG);
  }
}
