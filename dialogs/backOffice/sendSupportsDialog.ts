// The affiliate's answer to "we need more supports", on any channel: shows what the EPS asked for, takes
// the PDFs with the same prompt and checks as filing (CollectSupportsDialog), and sends the request back
// to the queue.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DomainError } from '../../src/domain/errors';
import { AuthSession } from '../../src/domain/session';
import type { StagedFiles } from '../../src/services/authorizationRequests/ports';
import type { SupportChecker } from '../../src/services/authorizationRequests/supportCheck';
import { SupportsReplyService } from '../../src/services/backOffice/supportsReplyService';
import { CollectedSupport, COLLECT_SUPPORTS_DIALOG, CollectSupportsDialog } from '../authorizations/collectSupportsDialog';
import { DialogIds } from '../ids';
import { backOffice as texts } from '../messages/backOffice';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';

const CHOOSE = 'sendSupports.choose';
const STEPS = 'sendSupports.steps';

interface Values {
  requesterId: string;
  filingNumber: string;
  messages: Record<string, string>;
}

export class SendSupportsDialog extends ComponentDialog {
  constructor(
    private readonly deps: {
      session: StatePropertyAccessor<AuthSession | undefined>;
      service: SupportsReplyService;
      checkSupport: SupportChecker;
      staged: Pick<StagedFiles, 'remove'>;
    },
  ) {
    super(DialogIds.sendSupports);
    this.addDialog(new OptionsPrompt(CHOOSE));
    this.addDialog(new CollectSupportsDialog(deps.checkSupport, deps.staged));
    this.addDialog(new WaterfallDialog(STEPS, [this.chooseRequestStep.bind(this), this.collectStep.bind(this), this.addStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async chooseRequestStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const current = await this.deps.session.get(step.context);
    if (!current) return step.endDialog();
    const waiting = await this.deps.service.awaiting(current.affiliateId);
    const values = step.values as Values;
    values.requesterId = current.affiliateId;
    values.messages = Object.fromEntries(waiting.map((w) => [w.request.filingNumber, w.message]));
    if (waiting.length === 0) {
      await step.context.sendActivity(texts.supportsNoneWaiting);
      return step.endDialog();
    }
    const options: ChoiceOption[] = waiting.map((w) => ({ value: w.request.filingNumber, title: texts.supportsOption(w.request.filingNumber, w.memberName) }));
    if (options.length === 1) return step.next(options[0]);
    const prompt: OptionsPromptOptions = { question: texts.supportsChoose, options, help: texts.supportsChooseHelp };
    return step.prompt(CHOOSE, prompt);
  }

  private async collectStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as Values;
    values.filingNumber = (step.result as ChoiceOption).value;
    await step.context.sendActivity(texts.supportsAsked(values.filingNumber, values.messages[values.filingNumber] ?? ''));
    return step.beginDialog(COLLECT_SUPPORTS_DIALOG);
  }

  private async addStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as Values;
    const supports = step.result as CollectedSupport[] | undefined;
    if (!supports?.length) return step.endDialog();
    try {
      await this.deps.service.addSupports(
        values.requesterId,
        values.filingNumber,
        supports.map((s) => ({ stagedId: s.stagedId, originalName: s.name })),
      );
      await step.context.sendActivity(texts.supportsSent(values.filingNumber, supports.length));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await step.context.sendActivity(texts.supportsFailed);
    }
    return step.endDialog();
  }
}
