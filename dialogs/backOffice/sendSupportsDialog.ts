// The affiliate's answer to "we need more supports", on any channel: shows what the EPS asked for, takes
// the PDFs with the same prompt and checks as filing (CollectSupportsDialog), and sends the request back
// to the queue.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { DomainError } from '../../src/domain/errors';
import { AuthSession } from '../../src/domain/session';
import type { StagedFiles } from '../../src/services/authorizationRequests/ports';
import type { SupportIntake } from '../../src/services/media/supportIntake';
import { SupportsReplyService } from '../../src/services/backOffice/supportsReplyService';
import { CollectedSupport, COLLECT_SUPPORTS_DIALOG, CollectSupportsDialog } from '../authorizations/collectSupportsDialog';
import { DialogIds } from '../ids';
import { backOffice as texts } from '../messages/backOffice';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';

const CHOOSE = 'sendSupports.choose';
const STEPS = 'sendSupports.steps';

interface Values {
  requesterId: string;
  filingNumber: string;
  messages: Record<string, string>;
}

type SupportsStep<R = unknown> = Step<Values, R>;

export class SendSupportsDialog extends ComponentDialog {
  constructor(
    private readonly deps: {
      session: StatePropertyAccessor<AuthSession | undefined>;
      service: SupportsReplyService;
      /** Takes each file in (a photo becomes a PDF) and checks it, as when filing. */
      supportIntake: SupportIntake;
      staged: Pick<StagedFiles, 'remove'>;
    },
  ) {
    super(DialogIds.sendSupports);
    this.addDialog(new OptionsPrompt(CHOOSE));
    this.addDialog(new CollectSupportsDialog(deps.supportIntake, deps.staged));
    this.addDialog(waterfall<Values>(STEPS, [this.chooseRequestStep.bind(this), this.collectStep.bind(this), this.addStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Which request the supports are for; with only one waiting nothing is asked. */
  private async chooseRequestStep(step: SupportsStep): Promise<DialogTurnResult> {
    const current = await this.deps.session.get(step.context);
    if (!current) return step.endDialog();
    const waiting = await this.deps.service.awaiting(current.affiliateId);
    const values = step.values;
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

  /** Repeats what the EPS asked for, then collects the files as filing does. */
  private async collectStep(step: SupportsStep<ChoiceOption>): Promise<DialogTurnResult> {
    const values = step.values;
    values.filingNumber = step.result.value;
    await step.context.sendActivity(texts.supportsAsked(values.filingNumber, values.messages[values.filingNumber] ?? ''));
    return step.beginDialog(COLLECT_SUPPORTS_DIALOG);
  }

  /** Adds them to the request, which goes back to the EPS's queue. */
  private async addStep(step: SupportsStep<CollectedSupport[] | undefined>): Promise<DialogTurnResult> {
    const values = step.values;
    const supports = step.result;
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
