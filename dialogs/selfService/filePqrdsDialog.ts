// Filing a PQRDS in chat: type; for a queja or reclamo, whether it affects health (it sets the answer term:
// 24/48/72 hours, otherwise 15 business days); the petitioner's document (the logged-in affiliate's, or
// asked); the description; an optional PDF; a summary to confirm; then the code and the due date.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PqrdsRisk } from '../../src/domain/answerDue';
import { maskDocument } from '../../src/domain/documents';
import { DocumentId, PQRDS_TYPE_LABELS, PqrdsType } from '../../src/domain/model';
import { AuthSession } from '../../src/domain/session';
import { formatSpanishDate } from '../../src/domain/spanishDate';
import { StagedFiles } from '../../src/services/authorizationRequests/ports';
import { SupportIntake } from '../../src/services/media/supportIntake';
import { PQRDS_DESCRIPTION_MAX, PQRDS_DESCRIPTION_MIN, PqrdsService, PqrdsSupport } from '../../src/services/selfService/pqrdsService';
import { bogotaTimeLabel } from '../../src/services/selfService/timeLabel';
import { ASK_DOCUMENT_DIALOG, AskDocumentDialog } from '../identity/askDocumentDialog';
import { FieldPrompt, fieldOptions } from '../identity/fieldPrompt';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { PQRDS_SUPPORT_DIALOG, PqrdsSupportDialog } from './pqrdsSupportDialog';

export const FILE_PQRDS_DIALOG = 'pqrds.file';
const CHOICE = 'pqrds.file.choice';
const DESCRIPTION = 'pqrds.file.description';
const STEPS = 'pqrds.file.steps';

interface Values {
  type: PqrdsType;
  risk?: PqrdsRisk;
  petitioner: DocumentId;
  description: string;
  support?: PqrdsSupport;
}

const TYPE_OPTIONS: ChoiceOption[] = (Object.keys(PQRDS_TYPE_LABELS) as PqrdsType[]).map((type) => ({
  value: type,
  title: PQRDS_TYPE_LABELS[type],
}));
const RISK_OPTIONS: ChoiceOption[] = [
  { value: 'vital', title: texts.pqrdsRiskVital, synonyms: ['vital', 'peligro'] },
  { value: 'priority', title: texts.pqrdsRiskPriority, synonyms: ['urgente', 'prioritario'] },
  { value: 'simple', title: texts.pqrdsRiskSimple, synonyms: ['puede esperar'] },
  { value: 'none', title: texts.pqrdsRiskNone, synonyms: ['no'] },
];
const CONFIRM_OPTIONS: ChoiceOption[] = [
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
      new WaterfallDialog(STEPS, [
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

  private async chooseTypeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const prompt: OptionsPromptOptions = { question: texts.pqrdsTypeQuestion, options: TYPE_OPTIONS, help: texts.pqrdsTypeHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** Only quejas and reclamos are about a service someone may be waiting for. */
  private async askRiskStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const type = (step.result as ChoiceOption).value as PqrdsType;
    (step.values as Values).type = type;
    if (type !== 'queja' && type !== 'reclamo') return step.next(undefined);
    const prompt: OptionsPromptOptions = { question: texts.pqrdsRiskQuestion, options: RISK_OPTIONS, help: texts.pqrdsRiskHelp };
    return step.prompt(CHOICE, prompt);
  }

  private async petitionerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const risk = (step.result as ChoiceOption | undefined)?.value;
    if (risk && risk !== 'none') (step.values as Values).risk = risk as PqrdsRisk;
    const current = await this.session.get(step.context);
    const own = current ? await this.service.petitionerOf(current.affiliateId) : undefined;
    if (own) return step.next(own);
    await step.context.sendActivity(texts.pqrdsPetitionerIntro);
    return step.beginDialog(ASK_DOCUMENT_DIALOG, {});
  }

  private async askDescriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as Values;
    values.petitioner = step.result as DocumentId;
    const question = texts.pqrdsDescriptionQuestion(PQRDS_TYPE_LABELS[values.type]);
    return step.prompt(DESCRIPTION, fieldOptions(question, texts.pqrdsDescriptionHelp(PQRDS_DESCRIPTION_MIN, PQRDS_DESCRIPTION_MAX)));
  }

  private async askSupportStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Values).description = step.result as string;
    if (!step.findDialog(PQRDS_SUPPORT_DIALOG)) return step.next(undefined);
    return step.beginDialog(PQRDS_SUPPORT_DIALOG);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as Values;
    values.support = step.result as PqrdsSupport | undefined;
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

  private async fileStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as ChoiceOption).value !== 'yes') {
      await step.context.sendActivity(texts.pqrdsDiscarded);
      return step.endDialog();
    }
    const values = step.values as Values;
    const filed = await this.service.file(values);
    const hours = filed.term.unit === 'hours' ? filed.term.amount : undefined;
    const due = hours ? `${formatSpanishDate(filed.dueAt)} a las ${bogotaTimeLabel(filed.dueAt)}` : formatSpanishDate(filed.dueDate);
    await step.context.sendActivity(texts.pqrdsFiled({ type: PQRDS_TYPE_LABELS[filed.type], code: filed.code, due, hours }));
    return step.endDialog();
  }
}
