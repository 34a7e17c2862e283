// The supports (the manual's section 8, docs/manual-map.md: "adjuntar los soportes en formato PDF con un
// tamaño máximo de 15 megas"): PDFs, or photos that the intake turns into one-page PDFs. Each file is checked
// as it arrives and refused with its own reason; "listo" ends the list, which needs at least one. Photos sent
// one after another may be pages of one paper: before ending, the user is asked (never guessed) whether to
// join them into one PDF. Ends with CollectedSupport[] (staged ids: the filing moves the bytes).
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { MAX_SUPPORTS } from '../../src/services/authorizationRequests/authorizationFilingService';
import { StagedFiles } from '../../src/services/authorizationRequests/ports';
import { MAX_SUPPORT_MB } from '../../src/services/authorizationRequests/supportCheck';
import { asPdfName, cleanFileName } from '../../src/domain/fileNames';
import { SupportIntake } from '../../src/services/media/supportIntake';
import { StagedFileStore } from '../../src/storage/stagedFileStore';
import { authorizations as t } from '../messages/authorizations';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption, normalize } from '../validators';
import { Step, waterfall } from '../waterfall';
import { SupportAnswer, SupportPrompt, SupportPromptOptions } from './supportPrompt';

export const COLLECT_SUPPORTS_DIALOG = 'requestAuthorization.collectSupports';

export interface CollectedSupport {
  stagedId: string;
  /** Cleaned for display; never used as a path. */
  name: string;
  sizeBytes: number;
  /** Made from a photo: its staged page image, until the user said whether it joins its neighbours. */
  photoPageId?: string;
}

interface LoopOptions {
  supports: CollectedSupport[];
  /** The previous reply already told the user what to do next. */
  quiet?: boolean;
}

/** The file loop begins with nothing from the parent, then restarts itself with the list so far. */
type FileStep<R = unknown> = Step<object, R, Partial<LoopOptions>>;
type PhotoStep<R = unknown> = Step<object, R, LoopOptions>;

const PROMPT = 'collectSupports.prompt';
const SAME_DOCUMENT = 'collectSupports.sameDocument';
const STEPS = 'collectSupports.steps';
const PHOTO_STEPS = 'collectSupports.photoSteps';
const DONE_WORDS = ['listo', 'lista', 'ya', 'ya esta', 'termine', 'eso es todo', 'fin', 'continuar', 'seguir', 'siguiente', 'ok'];

/** A file name fit to be shown back in a chat: cleaned as every file name, without markdown marks, short. */
export function displayName(name: string | undefined): string {
  const base = cleanFileName(name, '').replace(/[<>*_`]/g, '').trim();
  if (!base) return t.defaultFileName;
  return base.length > 60 ? `${base.slice(0, 45)}…${base.slice(-10)}` : base;
}

/** The first run of two or more supports in a row made from photos: [start, end). */
export function photoRun(supports: CollectedSupport[]): [number, number] | undefined {
  for (let start = 0; start < supports.length; start++) {
    let end = start;
    while (end < supports.length && supports[end].photoPageId) end++;
    if (end - start >= 2) return [start, end];
    start = end;
  }
  return undefined;
}

function sameDocumentOptions(count: number): ChoiceOption[] {
  return [
    { value: 'join', title: t.samePhotosYes(count), synonyms: ['si', 'sí', 'mismo', 'mismo documento', 'juntar', 'juntalas'] },
    { value: 'apart', title: t.samePhotosNo, synonyms: ['no', 'distintos', 'separados', 'aparte'] },
  ];
}

export class CollectSupportsDialog extends ComponentDialog {
  constructor(
    private readonly intake: SupportIntake,
    private readonly staged: Pick<StagedFiles, 'remove'>,
  ) {
    super(COLLECT_SUPPORTS_DIALOG);
    this.addDialog(new SupportPrompt(PROMPT));
    this.addDialog(new OptionsPrompt(SAME_DOCUMENT));
    this.addDialog(waterfall<object, Partial<LoopOptions>>(STEPS, [this.waitForFileStep.bind(this), this.takeFileStep.bind(this)]));
    this.addDialog(waterfall<object, LoopOptions>(PHOTO_STEPS, [this.askSameDocumentStep.bind(this), this.joinPhotosStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Waits for a file or "listo"; quietly when the last reply already said what to do. */
  private async waitForFileStep(step: FileStep): Promise<DialogTurnResult> {
    const options = step.options;
    const prompt: SupportPromptOptions = { prompt: t.askSupports(MAX_SUPPORT_MB), help: t.supportsHelp(MAX_SUPPORT_MB), quiet: options.quiet };
    return step.prompt(PROMPT, prompt);
  }

  /** Checks each attached file, or on "listo" (with at least one) asks about photos in a row, then ends. */
  private async takeFileStep(step: FileStep<SupportAnswer>): Promise<DialogTurnResult> {
    const supports = [...(step.options.supports ?? [])];
    const answer = step.result;
    if (answer.attachments.length === 0) {
      if (!DONE_WORDS.includes(normalize(answer.text))) {
        await step.context.sendActivity(t.supportsWaiting);
      } else if (supports.length === 0) {
        await step.context.sendActivity(t.supportsNeedOne);
      } else {
        return step.replaceDialog(PHOTO_STEPS, { supports } satisfies LoopOptions);
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
      const receipt = stagedId ? await this.intake.receive(stagedId) : ({ ok: false, problem: 'unavailable' } as const);
      if (!receipt.ok) {
        if (stagedId) await this.staged.remove(stagedId);
        await step.context.sendActivity(t.supportRefused(name, t.supportProblem[receipt.problem]));
        continue;
      }
      if (supports.some((s) => s.stagedId === receipt.stagedId)) continue;
      if (receipt.photoPageId) {
        supports.push({ stagedId: receipt.stagedId, name: pdfDisplayName(name), sizeBytes: receipt.size, photoPageId: receipt.photoPageId });
        await step.context.sendActivity(t.photoAccepted(supports.length));
      } else {
        supports.push({ stagedId: receipt.stagedId, name, sizeBytes: receipt.size });
        await step.context.sendActivity(t.supportAccepted(name, supports.length));
      }
    }
    return step.replaceDialog(STEPS, { supports, quiet: true } satisfies LoopOptions);
  }

  /** Photos in a row: one question per run; without any (left), the list is complete. */
  private async askSameDocumentStep(step: PhotoStep): Promise<DialogTurnResult> {
    const { supports } = step.options;
    const run = photoRun(supports);
    if (!run) {
      // Page images of photos nobody will join are not needed any more.
      for (const support of supports) if (support.photoPageId) await this.staged.remove(support.photoPageId);
      return step.endDialog(supports.map(({ photoPageId: _, ...support }) => support) satisfies CollectedSupport[]);
    }
    const count = run[1] - run[0];
    const prompt: OptionsPromptOptions = { question: t.samePhotosQuestion(count), options: sameDocumentOptions(count), help: t.samePhotosHelp };
    return step.prompt(SAME_DOCUMENT, prompt);
  }

  /** Joins the run into one PDF (or leaves each photo's PDF as it is), then looks for the next run. */
  private async joinPhotosStep(step: PhotoStep<ChoiceOption>): Promise<DialogTurnResult> {
    const supports = [...step.options.supports];
    const [start, end] = photoRun(supports)!;
    const run = supports.slice(start, end);
    let settled: CollectedSupport[] = run.map(({ photoPageId: _, ...support }) => support);
    if (step.result.value === 'join') {
      const joined = await this.intake.joinPhotos(run.map((s) => s.photoPageId!));
      if (joined.ok) {
        // Each photo's own PDF stays staged (swept later): the agent console shows what the user sent.
        settled = [{ stagedId: joined.stagedId, name: run[0].name, sizeBytes: joined.size }];
        await step.context.sendActivity(t.photosJoined(run.length));
      } else {
        await step.context.sendActivity(t.photosJoinFailed(t.supportProblem[joined.problem]));
      }
    }
    for (const single of run) await this.staged.remove(single.photoPageId!);
    supports.splice(start, run.length, ...settled);
    return step.replaceDialog(PHOTO_STEPS, { supports } satisfies LoopOptions);
  }
}

/** The name a photo's PDF is shown and kept under: the photo's own name, as a PDF. */
function pdfDisplayName(name: string): string {
  return name === t.defaultFileName ? t.defaultPhotoName : asPdfName(name);
}
