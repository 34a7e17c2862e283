// The PDF supports (manual, section 8: "adjuntar los soportes en formato PDF con un tamaño máximo de 15
// megas"). Each file is checked as it arrives and refused with its own reason; "listo" ends the list,
// which needs at least one. Ends with CollectedSupport[] (staged ids: the filing moves the bytes).
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { MAX_SUPPORTS } from '../../src/services/authorizationRequests/authorizationFilingService';
import { StagedFiles } from '../../src/services/authorizationRequests/ports';
import { MAX_SUPPORT_MB, SupportChecker } from '../../src/services/authorizationRequests/supportCheck';
import { StagedFileStore } from '../../src/storage/stagedFiles';
import { authorizations as t } from '../messages/authorizations';
import { normalize } from '../validators';
import { SupportAnswer, SupportPrompt, SupportPromptOptions } from './supportPrompt';

export const COLLECT_SUPPORTS_DIALOG = 'requestAuthorization.collectSupports';

export interface CollectedSupport {
  stagedId: string;
  /** Cleaned for display; never used as a path. */
  name: string;
  sizeBytes: number;
}

interface LoopOptions {
  supports: CollectedSupport[];
  /** The previous reply already told the user what to do next. */
  quiet?: boolean;
}

const PROMPT = 'collectSupports.prompt';
const STEPS = 'collectSupports.steps';
const DONE_WORDS = ['listo', 'lista', 'ya', 'ya esta', 'termine', 'eso es todo', 'fin', 'continuar', 'seguir', 'siguiente', 'ok'];

/** A file name fit to be shown back: no folders, no control characters, not too long. */
export function displayName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f<>*_`]/g, '').trim();
  if (!base) return t.defaultFileName;
  return base.length > 60 ? `${base.slice(0, 45)}…${base.slice(-10)}` : base;
}

export class CollectSupportsDialog extends ComponentDialog {
  constructor(
    private readonly check: SupportChecker,
    private readonly staged: Pick<StagedFiles, 'remove'>,
  ) {
    super(COLLECT_SUPPORTS_DIALOG);
    this.addDialog(new SupportPrompt(PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [this.waitForFileStep.bind(this), this.takeFileStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async waitForFileStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as Partial<LoopOptions>;
    const prompt: SupportPromptOptions = { prompt: t.askSupports(MAX_SUPPORT_MB), help: t.supportsHelp(MAX_SUPPORT_MB), quiet: options.quiet };
    return step.prompt(PROMPT, prompt);
  }

  /** Checks each attached file, or ends on "listo" once there is at least one. */
  private async takeFileStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const supports = [...(((step.options ?? {}) as Partial<LoopOptions>).supports ?? [])];
    const answer = step.result as SupportAnswer;
    if (answer.attachments.length === 0) {
      if (!DONE_WORDS.includes(normalize(answer.text))) {
        await step.context.sendActivity(t.supportsWaiting);
      } else if (supports.length === 0) {
        await step.context.sendActivity(t.supportsNeedOne);
      } else {
        return step.endDialog(supports);
      }
      return step.replaceDialog(STEPS, { supports, quiet: true } satisfies LoopOptions);
    }
    for (const attachment of answer.attachments) {
      const name = displayName(attachment.name);
      const stagedId = StagedFileStore.idFromUrl(attachment.contentUrl);
      if (supports.length >= MAX_SUPPORTS) {
        if (stagedId) await this.staged.remove(stagedId);
        await step.context.sendActivity(t.supportsFull(MAX_SUPPORTS));
        continue;
      }
      const verdict = stagedId ? await this.check(stagedId) : ({ ok: false, problem: 'unavailable' } as const);
      if (!verdict.ok) {
        if (stagedId) await this.staged.remove(stagedId);
        await step.context.sendActivity(t.supportRefused(name, t.supportProblem[verdict.problem]));
        continue;
      }
      if (supports.some((s) => s.stagedId === stagedId)) continue;
      supports.push({ stagedId: stagedId!, name, sizeBytes: verdict.size });
      await step.context.sendActivity(t.supportAccepted(name, supports.length));
    }
    return step.replaceDialog(STEPS, { supports, quiet: true } satisfies LoopOptions);
  }
}
