// Filing a PQRDS in chat: type; for a queja or reclamo, whether it affects health (it sets the answer term:
// 24/48/72 hours, otherwise 15 business days); the petitioner's document (the logged-in affiliate's, or
// asked); the description; an optional PDF; a summary to confirm; then the code and the due date.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import type { PqrdsRisk } from '../../src/domain/answerDue';
import { maskDocument } from '../../src/domain/documents';
import { DocumentId, PQRDS_TYPE_LABELS, PqrdsType } from '../../src/domain/model';
import { AuthSession } from '../../src/domain/session';
import { formatSpanishDate } from '../../src/domain/spanishDate';
import { StagedFiles } from '../../src/services/authorizationRequests/ports';
import { SupportIntake } from '../../src/services/media/supportIntake';
import { PQRDS_DESCRIPTION_MAX, PQRDS_DESCRIPTION_MIN, PqrdsService, PqrdsSupport } from '../../src/services/selfService/pqrdsService';
import { bogotaTimeLabel } from '../../src/services/selfService/timeLabel';
import { ASK_DOCUMENT_DIALOG, AskDocumentDialog, AskDocumentOptions } from '../identity/askDocumentDialog';
import { FieldPrompt, fieldOptions } from '../identity/fieldPrompt';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { PQRDS_SUPPORT_DIALOG, PqrdsSupportDialog } from './pqrdsSupportDialog';

export const FILE_PQRDS_DIALOG = 'pqrds.file';
const CHOICE = 'pqrds.file.choice';
const DESCRIPTION = 'pqrds.file.description';
const STEPS = 'pqrds.file.steps';

/** Filled in step order; at the end it is the PqrdsService's filing input as it stands. */
interface Values {
  type: PqrdsType;
  risk?: PqrdsRisk;
  petitioner: DocumentId;
  description: string;
  support?: PqrdsSupport;
}

type FileStep<R = unknown> = Step<Values, R>;

// Object.keys widens to string[]; the keys of PQRDS_TYPE_LABELS are exactly the PqrdsTypes.
const TYPE_OPTIONS: ChoiceOption<PqrdsType>[] = (Object.keys(PQRDS_TYPE_LABELS) as PqrdsType[]).map((type) => ({
  value: type,
  title: PQRDS_TYPE_LABELS[type],
}));
const RISK_OPTIONS: ChoiceOption<PqrdsRisk | 'none'>[] = [
  { value: 'vital', title: texts.pqrdsRiskVital, synonyms: ['vital', 'peligro'] },
  { value: 'priority', title: texts.pqrdsRiskPriority, synonyms: ['urgente', 'prioritario'] },
  { value: 'simple', title: texts.pqrdsRiskSimple, synonyms: ['puede esperar'] },
  { value: 'none', title: texts.pqrdsRiskNone, synonyms: ['no'] },
];
const CONFIRM_OPTIONS: ChoiceOption<'yes' | 'no'>[] = [
  { value: 'yes', title: texts.pqrdsConfirmYes, synonyms: ['si', 'radicar', 'enviar', 'confirmo'] },
  { value: 'no', title: texts.pqrdsConfirmNo, synonyms: ['no radicar', 'descartar'] },
];

export function checkDescription(text: string): { ok: true; value: string } | { ok: false; reason: string } {
  const value = text.replace(/\s+/g, ' ').trim();
  if (value.length < PQRDS_DESCRIPTION_MIN) return { ok: false, reason: texts.pqrdsDescriptionTooShort(PQRDS_DESCRIPTION_MIN) };
  if (value.length > PQRDS_DESCRIPTION_MAX) return { ok: false, reason: texts.pqrdsDescriptionTooLong(PQRDS_DESCRIPTION_MAX) };
  return { ok: true, value };
}

export class FilePqrdsDialog extends ComponentDialog {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    private readonly service: PqrdsService,
    /** Without them the optional PDF step is skipped. */
    supports?: { intake: SupportIntake; staged: Pick<StagedFiles, 'remove'> },
  ) {
    super(FILE_PQRDS_DIALOG);
    // Registered here (not in the parent): a reprompt looks for the active child in this component's own set.
    if (supports) this.addDialog(new PqrdsSupportDialog(supports.intake, supports.staged));
    this.addDialog(new OptionsPrompt(CHOICE));
    this.addDialog(new FieldPrompt<string>(DESCRIPTION, checkDescription));
    this.addDialog(new AskDocumentDialog());
    this.addDialog(
      waterfall<Values>(STEPS, [
        this.chooseTypeStep.bind(this),
        this.askRiskStep.bind(this),
        this.petitionerStep.bind(this),
        this.askDescriptionStep.bind(this),
        this.askSupportStep.bind(this),
        this.confirmStep.bind(this),
        this.fileStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** Petición, queja, reclamo, denuncia or sugerencia: the type sets the questions and the term. */
  private async chooseTypeStep(step: FileStep): Promise<DialogTurnResult> {
    const prompt: OptionsPromptOptions = { question: texts.pqrdsTypeQuestion, options: TYPE_OPTIONS, help: texts.pqrdsTypeHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** Only quejas and reclamos are about a service someone may be waiting for. */
  private async askRiskStep(step: FileStep<ChoiceOption<PqrdsType>>): Promise<DialogTurnResult> {
    const type = step.result.value;
    step.values.type = type;
    if (type !== 'queja' && type !== 'reclamo') return step.next(undefined);
    const prompt: OptionsPromptOptions = { question: texts.pqrdsRiskQuestion, options: RISK_OPTIONS, help: texts.pqrdsRiskHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** Who files: the logged-in affiliate, or a document asked (a PQRDS needs no login). */
  private async petitionerStep(step: FileStep<ChoiceOption<PqrdsRisk | 'none'> | undefined>): Promise<DialogTurnResult> {
    const risk = step.result?.value;
    if (risk && risk !== 'none') step.values.risk = risk;
    const current = await this.session.get(step.context);
    const own = current ? await this.service.petitionerOf(current.affiliateId) : undefined;
    if (own) return step.next(own);
    await step.context.sendActivity(texts.pqrdsPetitionerIntro);
    return step.beginDialog(ASK_DOCUMENT_DIALOG, {} satisfies AskDocumentOptions);
  }

  /** What happened, in the person's words, within the length limits. */
  private async askDescriptionStep(step: FileStep<DocumentId>): Promise<DialogTurnResult> {
    const values = step.values;
    values.petitioner = step.result;
    const question = texts.pqrdsDescriptionQuestion(PQRDS_TYPE_LABELS[values.type]);
    return step.prompt(DESCRIPTION, fieldOptions(question, texts.pqrdsDescriptionHelp(PQRDS_DESCRIPTION_MIN, PQRDS_DESCRIPTION_MAX)));
  }

  /** The optional PDF, when this instance takes files. */
  private async askSupportStep(step: FileStep<string>): Promise<DialogTurnResult> {
    step.values.description = step.result;
    if (!step.findDialog(PQRDS_SUPPORT_DIALOG)) return step.next(undefined);
    return step.beginDialog(PQRDS_SUPPORT_DIALOG);
  }

  /** The summary before filing: nothing is filed without a yes. */
  private async confirmStep(step: FileStep<PqrdsSupport | undefined>): Promise<DialogTurnResult> {
    const values = step.values;
    values.support = step.result;
    const question = texts.pqrdsConfirm({
      type: PQRDS_TYPE_LABELS[values.type],
      risk: values.type === 'queja' || values.type === 'reclamo' ? RISK_OPTIONS.find((o) => o.value === (values.risk ?? 'none'))!.title : undefined,
      document: `${values.petitioner.type} ${maskDocument(values.petitioner.number)}`,
      description: values.description,
      support: values.support?.name ?? texts.pqrdsNoSupport,
    });
    const prompt: OptionsPromptOptions = { question, options: CONFIRM_OPTIONS, help: texts.pqrdsConfirmHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** Files it and says the code and when the answer is due. */
  private async fileStep(step: FileStep<ChoiceOption<'yes' | 'no'>>): Promise<DialogTurnResult> {
    if (step.result.value !== 'yes') {
      await step.context.sendActivity(texts.pqrdsDiscarded);
      return step.endDialog();
    }
    const filed = await this.service.file(step.values);
    const hours = filed.term.unit === 'hours' ? filed.term.amount : undefined;
    const due = hours ? `${formatSpanishDate(filed.dueAt)} a las ${bogotaTimeLabel(filed.dueAt)}` : formatSpanishDate(filed.dueDate);
    await step.context.sendActivity(texts.pqrdsFiled({ type: PQRDS_TYPE_LABELS[filed.type], code: filed.code, due, hours }));
    return step.endDialog();
  }
}
