// Asks "which document and which number", shared by registration, login and recovery. Each part is
// skipped when the caller already knows it, and "CC 1045678901" answered at the type question fills both.
// Ends with a DocumentId. The number is only checked for its format here: whether it exists is never said.
// Thirteen types would cover a phone's screen: the four most people have come first, "Otro documento"
// opens the rest, and any type typed by name or code ("pasaporte", "PPT 123…") is understood at once.
import { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnResult,
  PromptOptions,
  PromptRecognizerResult,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { checkDocumentNumber, documentTypeName, parseDocumentInput, recognizeDocumentType } from '../../src/domain/documents';
import { DOCUMENT_TYPES, type DocumentId, type DocumentTypeCode } from '../../src/domain/model';
import { identity } from '../messages/identity';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption, recognizeChoice } from '../validators';
import { FieldPrompt, fieldOptions } from './fieldPrompt';

export const ASK_DOCUMENT_DIALOG = 'identity.askDocument';
const TYPE_PROMPT = 'identity.askDocument.type';
const NUMBER_PROMPT = 'identity.askDocument.number';
const OTHER_TYPE_PROMPT = 'identity.askDocument.otherType';
const OTHER = 'other';
const COMMON_TYPES: readonly DocumentTypeCode[] = ['CC', 'TI', 'RC', 'CE'];

export interface AskDocumentOptions {
  document?: Partial<DocumentId>;
}

interface Values {
  type?: DocumentTypeCode;
  number?: string;
}

interface TypeChoice extends ChoiceOption {
  /** Set when the answer carried the number too ("CC 1045678901"). */
  number?: string;
}

export const DOCUMENT_TYPE_OPTIONS: ChoiceOption[] = DOCUMENT_TYPES.map((t) => ({ value: t.code, title: t.name, synonyms: [t.code] }));
const COMMON_OPTIONS: ChoiceOption[] = [
  ...DOCUMENT_TYPE_OPTIONS.filter((o) => COMMON_TYPES.includes(o.value as DocumentTypeCode)),
  { value: OTHER, title: identity.otherDocumentOption, synonyms: ['otro', 'otros', 'otro tipo', 'ninguno de esos'] },
];
const OTHER_OPTIONS: ChoiceOption[] = DOCUMENT_TYPE_OPTIONS.filter((o) => !COMMON_TYPES.includes(o.value as DocumentTypeCode));

/** The numbered list, plus the words people use for each type ("cédula", "PPT") and "type + number" in one go. */
class DocumentTypePrompt extends OptionsPrompt {
  protected override async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<ChoiceOption>> {
    const text = context.activity.text ?? '';
    const parsed = parseDocumentInput(text);
    if (parsed.type && parsed.number) {
      const option = DOCUMENT_TYPE_OPTIONS.find((o) => o.value === parsed.type)!;
      return { succeeded: true, value: { ...option, number: parsed.number } as TypeChoice };
    }
    const shown = (options as OptionsPromptOptions).options;
    // A number picks from the list shown; a name ("pasaporte") may pick any type, shown or not.
    const byNumber = /^\d+$/.test(text.trim());
    const choice = recognizeChoice(text, shown) ?? (byNumber ? undefined : recognizeChoice(text, DOCUMENT_TYPE_OPTIONS));
    if (choice) return { succeeded: true, value: choice };
    const code = recognizeDocumentType(text);
    if (code) return { succeeded: true, value: DOCUMENT_TYPE_OPTIONS.find((o) => o.value === code)! };
    return super.onRecognize(context, state, options);
  }
}

function typePrompt(question: string, options: ChoiceOption[]): OptionsPromptOptions {
  return { question, options, help: identity.documentTypeHelp, retryReason: identity.documentTypeRetry };
}

export class AskDocumentDialog extends ComponentDialog {
  constructor() {
    super(ASK_DOCUMENT_DIALOG);
    this.addDialog(new DocumentTypePrompt(TYPE_PROMPT));
    this.addDialog(new DocumentTypePrompt(OTHER_TYPE_PROMPT));
    this.addDialog(
      new FieldPrompt<string>(NUMBER_PROMPT, (text, options) => {
        const check = checkDocumentNumber(options.data!.type as DocumentTypeCode, text);
        return check.ok ? { ok: true, value: check.number } : { ok: false, reason: identity.documentNumberProblem(check.reason, check.rule) };
      }),
    );
    this.addDialog(new WaterfallDialog('identity.askDocument.steps', [this.askTypeStep.bind(this), this.askOtherTypeStep.bind(this), this.askNumberStep.bind(this), this.endStep.bind(this)]));
    this.initialDialogId = 'identity.askDocument.steps';
  }

  private async askTypeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const known = ((step.options ?? {}) as AskDocumentOptions).document ?? {};
    (step.values as Values).number = known.number;
    if (known.type) return step.next({ value: known.type } as TypeChoice);
    return step.prompt(TYPE_PROMPT, typePrompt(identity.documentTypeQuestion, COMMON_OPTIONS));
  }

  /** "Otro documento": the other nine types. */
  private async askOtherTypeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as TypeChoice;
    if (choice.value !== OTHER) return step.next(choice);
    return step.prompt(OTHER_TYPE_PROMPT, typePrompt(identity.otherDocumentTypeQuestion, OTHER_OPTIONS));
  }

  private async askNumberStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as TypeChoice;
    const type = choice.value as DocumentTypeCode;
    const values = step.values as Values;
    values.type = type;
    const given = choice.number ?? values.number;
    const check = given ? checkDocumentNumber(type, given) : undefined;
    if (check?.ok) return step.next(check.number);
    const question = identity.documentNumberQuestion(documentTypeName(type));
    const options = fieldOptions(question, identity.documentNumberHelp, { type });
    // A number typed with the type but in a wrong format: say why right away instead of asking blindly.
    if (check && !check.ok) await step.context.sendActivity(identity.documentNumberProblem(check.reason, check.rule));
    return step.prompt(NUMBER_PROMPT, options);
  }

  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const document: DocumentId = { type: (step.values as Values).type!, number: step.result as string };
    return step.endDialog(document);
  }
}
