// "Consulta PQRDS" (as in the EPS's virtual office): document type and number of the petitioner, then the PQRDS code;
// no login needed. Shows only status, dates and answer. An unknown code and someone else's code get the
// same reply; three misses in a row end the dialog (and the service slows down guessing per document).
// A logged-in person is not asked their own document: the session says who they are.
import type { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import type { AuthSession } from '../../src/domain/session';
import { turnClient } from '../../src/bot/turnClient';
import { DocumentId, PQRDS_STATUS_LABELS, PQRDS_TYPE_LABELS } from '../../src/domain/model';
import { formatNumericDate, formatSpanishDate } from '../../src/domain/spanishDate';
import { parsePqrdsCode, PqrdsService, PqrdsStatusView } from '../../src/services/selfService/pqrdsService';
import { ASK_DOCUMENT_DIALOG, AskDocumentDialog, AskDocumentOptions } from '../identity/askDocumentDialog';
import { FieldPrompt, fieldOptions } from '../identity/fieldPrompt';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';

export const PQRDS_STATUS_DIALOG = 'pqrds.status';
export const PQRDS_MAX_MISSES = 3;

const CODE = 'pqrds.status.code';
const RETRY = 'pqrds.status.retry';
const STEPS = 'pqrds.status.steps';

interface StatusOptions {
  misses?: number;
}

interface Values {
  document: DocumentId;
  misses: number;
}

type StatusStep<R = unknown> = Step<Values, R, StatusOptions>;

export function pqrdsStatusText(p: PqrdsStatusView): string {
  return texts.pqrdsStatus({
    code: p.code,
    type: PQRDS_TYPE_LABELS[p.type],
    status: PQRDS_STATUS_LABELS[p.status],
    filed: formatNumericDate(p.filedAt),
    due: formatSpanishDate(p.dueAt),
    answer: p.answer,
    answered: p.answeredAt ? formatNumericDate(p.answeredAt) : undefined,
  });
}

export class PqrdsStatusDialog extends ComponentDialog<StatusOptions> {
  constructor(
    private readonly service: PqrdsService,
    private readonly session?: StatePropertyAccessor<AuthSession | undefined>,
  ) {
    super(PQRDS_STATUS_DIALOG);
    this.addDialog(new AskDocumentDialog());
    this.addDialog(
      new FieldPrompt<string>(CODE, (text) => {
        const code = parsePqrdsCode(text);
        return code ? { ok: true, value: code } : { ok: false, reason: texts.pqrdsCodeRetry };
      }),
    );
    this.addDialog(new OptionsPrompt(RETRY));
    this.addDialog(
      waterfall<Values, StatusOptions>(STEPS, [
        this.askDocumentStep.bind(this),
        this.askCodeStep.bind(this),
        this.showStatusStep.bind(this),
        this.retryStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** Asks whose PQRDS it is; a logged-in person's own document is filled in. */
  private async askDocumentStep(step: StatusStep): Promise<DialogTurnResult> {
    await step.context.sendActivity(texts.pqrdsStatusIntro);
    const current = await this.session?.get(step.context);
    const own = current?.charterAccepted ? await this.service.petitionerOf(current.affiliateId) : undefined;
    return step.beginDialog(ASK_DOCUMENT_DIALOG, (own ? { document: own } : {}) satisfies AskDocumentOptions);
  }

  /** Asks the PQRDS code (PQR-AAAA-NNNNNN, written loosely or not). */
  private async askCodeStep(step: StatusStep<DocumentId>): Promise<DialogTurnResult> {
    step.values.document = step.result;
    return step.prompt(CODE, fieldOptions(texts.pqrdsCodeQuestion, texts.pqrdsCodeHelp));
  }

  /** Shows the status, or the same "not found" for unknown and foreign codes, counting the misses. */
  private async showStatusStep(step: StatusStep<string>): Promise<DialogTurnResult> {
    const result = await this.service.lookup(step.result, step.values.document, turnClient(step.context));
    if (result.found) {
      await step.context.sendActivity(pqrdsStatusText(result.pqrds));
      return step.endDialog();
    }
    const misses = (step.options.misses ?? 0) + 1;
    if (result.throttled || misses >= PQRDS_MAX_MISSES) {
      await step.context.sendActivity(result.throttled ? texts.pqrdsTooManyAttempts : `${texts.pqrdsNotFound}\n${texts.pqrdsTooManyAttempts}`);
      return step.endDialog();
    }
    step.values.misses = misses;
    await step.context.sendActivity(texts.pqrdsNotFound);
    const prompt: OptionsPromptOptions = {
      question: texts.pqrdsRetryQuestion,
      options: [
        { value: 'retry', title: texts.pqrdsRetry, synonyms: ['si', 'otra vez', 'de nuevo', 'intentar'] },
        { value: 'menu', title: texts.pqrdsBackToMenu, synonyms: ['no', 'volver'] },
      ],
      help: texts.pqrdsRetryHelp,
    };
    return step.prompt(RETRY, prompt);
  }

  /** Starts over with the misses so far, or ends. */
  private async retryStep(step: StatusStep<ChoiceOption>): Promise<DialogTurnResult> {
    if (step.result.value !== 'retry') return step.endDialog();
    const next: StatusOptions = { misses: step.values.misses };
    return step.replaceDialog(STEPS, next);
  }
}
