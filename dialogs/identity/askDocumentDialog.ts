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
} from 'botbuilder-dialogs';
import { checkDocumentNumber, documentTypeName, parseDocumentInput, recognizeDocumentType } from '../../src/domain/documents';
import { DOCUMENT_TYPES, type DocumentId, type DocumentTypeCode } from '../../src/domain/model';
import { identity } from '../messages/identity';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption, recognizeChoice } from '../validators';
import { Step, waterfall } from '../waterfall';
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

/** A document type picked, or OTHER (open the longer list) at the first question. */
interface TypeChoice<V extends string = DocumentTypeCode> extends ChoiceOption<V> {
  /** Set when the answer carried the number too ("CC 1045678901"). */
  number?: string;
}

type AskStep<R = unknown> = Step<Values, R, AskDocumentOptions>;

export const DOCUMENT_TYPE_OPTIONS: ChoiceOption<DocumentTypeCode>[] = DOCUMENT_TYPES.map((t) => ({ value: t.code, title: t.name, synonyms: [t.code] }));
const COMMON_OPTIONS: ChoiceOption<DocumentTypeCode | typeof OTHER>[] = [
  ...DOCUMENT_TYPE_OPTIONS.filter((o) => COMMON_TYPES.includes(o.value)),
  { value: OTHER, title: identity.otherDocumentOption, synonyms: ['otro', 'otros', 'otro tipo', 'ninguno de esos'] },
];
const OTHER_OPTIONS: ChoiceOption<DocumentTypeCode>[] = DOCUMENT_TYPE_OPTIONS.filter((o) => !COMMON_TYPES.includes(o.value));

/** The numbered list, plus the words people use for each type ("cédula", "PPT") and "type + number" in one go. */
class DocumentTypePrompt extends OptionsPrompt {
  protected override async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<ChoiceOption>> {
    const text = context.activity.text ?? '';
    const parsed = parseDocumentInput(text);
    if (parsed.type && parsed.number) {
      const option = DOCUMENT_TYPE_OPTIONS.find((o) => o.value === parsed.type)!;
      const value: TypeChoice = { ...option, number: parsed.number };
      return { succeeded: true, value };
    }
    // botbuilder hands every prompt its options as PromptOptions; this prompt is only begun with typePrompt().
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

export class AskDocumentDialog extends ComponentDialog<AskDocumentOptions> {
  constructor() {
    super(ASK_DOCUMENT_DIALOG);
    this.addDialog(new DocumentTypePrompt(TYPE_PROMPT));
    this.addDialog(new DocumentTypePrompt(OTHER_TYPE_PROMPT));
    this.addDialog(
      new FieldPrompt<string>(NUMBER_PROMPT, (text, options) => {
        // askNumberStep always begins this prompt with the chosen type in its data.
        const check = checkDocumentNumber(options.data!.type as DocumentTypeCode, text);
        return check.ok ? { ok: true, value: check.number } : { ok: false, reason: identity.documentNumberProblem(check.reason, check.rule) };
      }),
    );
    this.addDialog(waterfall<Values, AskDocumentOptions>('identity.askDocument.steps', [this.askTypeStep.bind(this), this.askOtherTypeStep.bind(this), this.askNumberStep.bind(this), this.endStep.bind(this)]));
    this.initialDialogId = 'identity.askDocument.steps';
  }

  /** Asks the type among the four most common, unless the caller already knows it. */
  private async askTypeStep(step: AskStep): Promise<DialogTurnResult> {
    const known = step.options.document ?? {};
    step.values.number = known.number;
    // Only `value` is read from here on: the title of a type skipped over is never shown.
    if (known.type) return step.next({ value: known.type, title: documentTypeName(known.type) } satisfies TypeChoice);
    return step.prompt(TYPE_PROMPT, typePrompt(identity.documentTypeQuestion, COMMON_OPTIONS));
  }

  /** "Otro documento": the other nine types. */
  private async askOtherTypeStep(step: AskStep<TypeChoice<DocumentTypeCode | typeof OTHER>>): Promise<DialogTurnResult> {
    const choice = step.result;
    if (choice.value !== OTHER) return step.next(choice);
    return step.prompt(OTHER_TYPE_PROMPT, typePrompt(identity.otherDocumentTypeQuestion, OTHER_OPTIONS));
  }

  /** Asks the number with the rules of the chosen type, unless it came with the type and is well formed. */
  private async askNumberStep(step: AskStep<TypeChoice>): Promise<DialogTurnResult> {
    const choice = step.result;
    const type = choice.value;
    const values = step.values;
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

  /** Ends with the DocumentId for the caller. */
  private async endStep(step: AskStep<string>): Promise<DialogTurnResult> {
    const document: DocumentId = { type: step.values.type!, number: step.result };
    return step.endDialog(document);
  }
}
