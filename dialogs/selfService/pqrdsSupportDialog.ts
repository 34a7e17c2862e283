// The optional support of a PQRDS: one PDF or photo (made into a one-page PDF), checked when it arrives
// (the same intake as authorization supports, with the same reasons), or "no". Ends with PqrdsSupport
// or undefined.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { StagedFiles } from '../../src/services/authorizationRequests/ports';
import { MAX_SUPPORT_MB } from '../../src/services/authorizationRequests/supportCheck';
import { asPdfName } from '../../src/domain/fileNames';
import { SupportIntake } from '../../src/services/media/supportIntake';
import { PqrdsSupport } from '../../src/services/selfService/pqrdsService';
import { StagedFileStore } from '../../src/storage/stagedFileStore';
import { displayName } from '../authorizations/collectSupportsDialog';
import { SupportAnswer, SupportPrompt, SupportPromptOptions } from '../authorizations/supportPrompt';
import { authorizations } from '../messages/authorizations';
import { selfService as texts } from '../messages/selfService';
import { normalize, recognizeYesNo } from '../validators';
import { Step, waterfall } from '../waterfall';

export const PQRDS_SUPPORT_DIALOG = 'pqrds.support';
const PROMPT = 'pqrds.support.prompt';
const STEPS = 'pqrds.support.steps';
interface SupportOptions {
  /** The last reply already said what to send: wait without asking again. */
  quiet?: boolean;
}

type SupportStep<R = unknown> = Step<object, R, SupportOptions>;

const NO_SUPPORT_WORDS = ['ninguno', 'sin soporte', 'no tengo', 'no tengo soporte', 'seguir', 'continuar'];

export class PqrdsSupportDialog extends ComponentDialog<SupportOptions> {
  constructor(
    private readonly intake: SupportIntake,
    private readonly staged: Pick<StagedFiles, 'remove'>,
  ) {
    super(PQRDS_SUPPORT_DIALOG);
    this.addDialog(new SupportPrompt(PROMPT));
    this.addDialog(waterfall<object, SupportOptions>(STEPS, [this.askStep.bind(this), this.takeStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Asks for one PDF or photo, or "no". */
  private async askStep(step: SupportStep): Promise<DialogTurnResult> {
    const quiet = step.options.quiet;
    const prompt: SupportPromptOptions = { prompt: texts.pqrdsAskSupport(MAX_SUPPORT_MB), help: texts.pqrdsSupportHelp(MAX_SUPPORT_MB), quiet };
    return step.prompt(PROMPT, prompt);
  }

  /** Checks the file (one only) and ends with it; "no" ends without one; anything else waits again. */
  private async takeStep(step: SupportStep<SupportAnswer>): Promise<DialogTurnResult> {
    const answer = step.result;
    const [first, ...rest] = answer.attachments;
    if (!first) {
      if (recognizeYesNo(answer.text) === false || NO_SUPPORT_WORDS.includes(normalize(answer.text))) return step.endDialog(undefined);
      await step.context.sendActivity(texts.pqrdsSupportWaiting);
      return step.replaceDialog(STEPS, { quiet: true } satisfies SupportOptions);
    }
    for (const extra of rest) {
      const id = StagedFileStore.idFromUrl(extra.contentUrl);
      if (id) await this.staged.remove(id);
    }
    if (rest.length > 0) await step.context.sendActivity(texts.pqrdsSupportOnlyOne);
    const name = displayName(first.name);
    const stagedId = StagedFileStore.idFromUrl(first.contentUrl);
    const receipt = stagedId ? await this.intake.receive(stagedId) : ({ ok: false, problem: 'unavailable' } as const);
    if (!receipt.ok) {
      if (stagedId) await this.staged.remove(stagedId);
      await step.context.sendActivity(texts.pqrdsSupportRefused(name, authorizations.supportProblem[receipt.problem]));
      return step.replaceDialog(STEPS, { quiet: true } satisfies SupportOptions);
    }
    if (receipt.photoPageId) {
      // One support only: its page image will not be joined with anything.
      await this.staged.remove(receipt.photoPageId);
      await step.context.sendActivity(texts.pqrdsPhotoAccepted);
    } else {
      await step.context.sendActivity(texts.pqrdsSupportAccepted(name));
    }
    const support: PqrdsSupport = { stagedId: receipt.stagedId, name: receipt.photoPageId ? asPdfName(name) : name };
    return step.endDialog(support);
  }
}
