// The fields of "Actualizar Información" one at a time: a numbered list of the fields (required ones
// marked (*)), the new value checked as it is typed (a clear reason and the question again), and back to
// the list with the pending changes shown, until "Guardar cambios". Ends with its EditBasicDataOptions.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { BasicDataChanges, BasicDataField, parseBasicDataField } from '../../src/services/selfService/basicDataService';
import { CHOOSE_PLACE_DIALOG, ChoosePlaceDialog, ChoosePlaceOptions, ChosenPlace } from '../authorizations/choosePlaceDialog';
import { FieldPrompt, fieldOptions } from '../identity/fieldPrompt';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';

export const EDIT_BASIC_DATA_DIALOG = 'updateBasicData.edit';
const MENU = 'updateBasicData.edit.menu';
const STEPS = 'updateBasicData.edit.steps';
type TextField = Exclude<BasicDataField, 'municipalityCode'>;
const TEXT_FIELDS: TextField[] = ['mobile', 'email', 'address'];

export interface EditBasicDataOptions {
  changes: BasicDataChanges;
  /** "Barranquilla (Atlántico)" for a chosen municipality, to show it back by name. */
  municipalityLabel?: string;
}

interface Values {
  /** The field being changed, between asking its value and keeping it. */
  field: BasicDataField;
}

type FieldChoice = BasicDataField | 'save';
type EditStep<R = unknown> = Step<Values, R, EditBasicDataOptions>;

/** "Celular (*): 3001234567" for each pending change. */
export function pendingLines(o: EditBasicDataOptions): string[] {
  return (Object.entries(o.changes) as [BasicDataField, string | null][]).map(([field, value]) => {
    const shown = field === 'municipalityCode' ? (o.municipalityLabel ?? value) : (value ?? texts.noneValue);
    return `${texts.fieldLabels[field]}: ${shown}`;
  });
}

export class EditBasicDataDialog extends ComponentDialog<EditBasicDataOptions> {
  constructor() {
    super(EDIT_BASIC_DATA_DIALOG);
    this.addDialog(new OptionsPrompt(MENU));
    this.addDialog(new ChoosePlaceDialog());
    for (const field of TEXT_FIELDS) {
      this.addDialog(
        new FieldPrompt<string | null>(`${EDIT_BASIC_DATA_DIALOG}.${field}`, (text) => {
          const result = parseBasicDataField(field, text);
          return result.ok ? { ok: true, value: result.value ?? null } : { ok: false, reason: texts.basicDataReason(result.reason) };
        }),
      );
    }
    this.addDialog(waterfall<Values, EditBasicDataOptions>(STEPS, [this.chooseFieldStep.bind(this), this.askValueStep.bind(this), this.keepValueStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** The fields as a list with the changes so far; "Guardar cambios" once there is one. */
  private async chooseFieldStep(step: EditStep): Promise<DialogTurnResult> {
    const o = step.options;
    const options: ChoiceOption<FieldChoice>[] = [
      { value: 'mobile', title: texts.fieldButtons.mobile, synonyms: ['celular', 'telefono', 'movil', 'numero'] },
      { value: 'email', title: texts.fieldButtons.email, synonyms: ['correo', 'email', 'e-mail', 'mail'] },
      { value: 'address', title: texts.fieldButtons.address, synonyms: ['direccion', 'casa'] },
      { value: 'municipalityCode', title: texts.fieldButtons.municipalityCode, synonyms: ['municipio', 'ciudad', 'pueblo'] },
    ];
    if (Object.keys(o.changes).length > 0) options.push({ value: 'save', title: texts.fieldSave, synonyms: ['guardar', 'listo', 'terminar', 'ya'] });
    const prompt: OptionsPromptOptions = { question: texts.fieldMenuQuestion(pendingLines(o)), options, help: texts.fieldMenuHelp };
    return step.prompt(MENU, prompt);
  }

  /** Ends with the changes on "Guardar cambios"; otherwise asks the field's new value (a place for the municipality). */
  private async askValueStep(step: EditStep<ChoiceOption<FieldChoice>>): Promise<DialogTurnResult> {
    const field = step.result.value;
    if (field === 'save') return step.endDialog(step.options);
    step.values.field = field;
    if (field === 'municipalityCode') return step.beginDialog(CHOOSE_PLACE_DIALOG, {} satisfies ChoosePlaceOptions);
    return step.prompt(`${EDIT_BASIC_DATA_DIALOG}.${field}`, fieldOptions(texts.askField[field], texts.fieldHelp[field]));
  }

  /** Keeps the new value among the pending changes and shows the list again (a restart carries them). */
  private async keepValueStep(step: EditStep<ChosenPlace | string | null | undefined>): Promise<DialogTurnResult> {
    const o = step.options;
    const field = step.values.field;
    const answer = step.result;
    const next: EditBasicDataOptions = { ...o, changes: { ...o.changes } };
    if (field === 'municipalityCode') {
      // ChoosePlaceDialog ends with a place; a text field's prompt with a string or null (cleared).
      const place = typeof answer === 'object' ? answer : undefined;
      if (place) {
        next.changes.municipalityCode = place.municipalityCode;
        next.municipalityLabel = `${place.municipalityName} (${place.departmentName})`;
      }
    } else {
      Object.assign(next.changes, { [field]: typeof answer === 'string' ? answer : null });
    }
    return step.replaceDialog(STEPS, next);
  }
}
