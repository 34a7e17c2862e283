// Department and municipality of residence (the manual's section 8, docs/manual-map.md): proposed from the
// member's record; otherwise typed and matched against DIVIPOLA (accents, case, abbreviations and small typos
// forgiven), with a short numbered list when several match. A place named in answer to the proposal
// ("Soledad", "no, es Soledad") is taken as "No, es otro" plus the answer to the next question. Ends with a
// ChosenPlace.
import { ComponentDialog, DialogTurnResult, PromptValidatorContext, TextPrompt } from 'botbuilder-dialogs';
import { findMunicipalities, getMunicipality, MunicipalityWithDepartment } from '../../src/domain/places';
import { authorizations as t } from '../messages/authorizations';
import { withHelp } from '../prompts/helpPromptOptions';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption, normalize } from '../validators';
import { Step, waterfall } from '../waterfall';

export const CHOOSE_PLACE_DIALOG = 'requestAuthorization.choosePlace';

export interface ChoosePlaceOptions {
  /** The member's municipality on record, proposed first. */
  proposedMunicipalityCode?: string;
}

export interface ChosenPlace {
  municipalityCode: string;
  municipalityName: string;
  departmentCode: string;
  departmentName: string;
}

const CHOICE = 'choosePlace.choice';
const PROPOSAL = 'choosePlace.proposal';
const TYPED = 'choosePlace.typed';
const STEPS = 'choosePlace.steps';
const OTHER = 'other';

interface Values {
  /** The municipality on record, when it was proposed. */
  recorded?: ChosenPlace;
}

type PlaceStep<R = unknown> = Step<Values, R, ChoosePlaceOptions>;

function toPlace(m: MunicipalityWithDepartment): ChosenPlace {
  return { municipalityCode: m.code, municipalityName: m.name, departmentCode: m.departmentCode, departmentName: m.departmentName };
}

/** Accepts text that names at least one municipality; otherwise says so and asks again. */
async function knownMunicipality(prompt: PromptValidatorContext<string>): Promise<boolean> {
  if (findMunicipalities(prompt.recognized.value ?? '').total > 0) return true;
  await prompt.context.sendActivity(t.municipalityNotFound);
  if (prompt.options.prompt) await prompt.context.sendActivity(prompt.options.prompt);
  return false;
}

/** Words around a place name in an answer to "¿El municipio es …?": "no, es Soledad", "vivo en Soledad". */
const FILLER = new Set(['no', 'si', 'es', 'otro', 'otra', 'el', 'la', 'municipio', 'de', 'en', 'vivo', 'vive', 'ahora', 'pero', 'sino', 'queda', 'mejor', 'ese']);

/** The municipality an answer names exactly, once the filler words around it are set aside. */
export function municipalityNamedIn(answer: string | undefined): string | undefined {
  const words = normalize(answer ?? '').split(' ');
  while (words.length > 0 && FILLER.has(words[0])) words.shift();
  const rest = words.join(' ');
  if (!rest || /^\d/.test(rest)) return undefined;
  const search = findMunicipalities(rest);
  return search.exact ? rest : undefined;
}

/** "Soledad" answers the proposal too (it means "no, this one"), besides the options themselves. */
async function proposalAnswered(prompt: PromptValidatorContext<ChoiceOption>): Promise<boolean> {
  return prompt.recognized.succeeded || municipalityNamedIn(prompt.context.activity.text) !== undefined;
}

export class ChoosePlaceDialog extends ComponentDialog<ChoosePlaceOptions> {
  constructor() {
    super(CHOOSE_PLACE_DIALOG);
    this.addDialog(new OptionsPrompt(CHOICE));
    this.addDialog(new OptionsPrompt(PROPOSAL, proposalAnswered));
    this.addDialog(new TextPrompt(TYPED, knownMunicipality));
    this.addDialog(
      waterfall<Values, ChoosePlaceOptions>(STEPS, [
        this.proposeRecordedStep.bind(this),
        this.askTypedStep.bind(this),
        this.listMatchesStep.bind(this),
        this.endWithPlaceStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** "¿El municipio de residencia es Barranquilla (Atlántico)?" when the record has one. */
  private async proposeRecordedStep(step: PlaceStep): Promise<DialogTurnResult> {
    const options = step.options;
    const recorded = options.proposedMunicipalityCode ? getMunicipality(options.proposedMunicipalityCode) : undefined;
    if (!recorded) return step.next(undefined);
    step.values.recorded = toPlace(recorded);
    const prompt: OptionsPromptOptions = {
      question: t.placeProposed(recorded.name, recorded.departmentName),
      options: [
        { value: 'yes', title: t.placeYes, synonyms: ['si', 'correcto', 'ese', 'claro'] },
        { value: OTHER, title: t.placeOther, synonyms: ['no', 'otro', 'otra', 'cambiar'], intent: 'no' },
      ],
      help: t.placeProposedHelp,
    };
    return step.prompt(PROPOSAL, prompt);
  }

  /** Ends with the record's place when confirmed; otherwise asks the municipality's name. */
  private async askTypedStep(step: PlaceStep<ChoiceOption | undefined>): Promise<DialogTurnResult> {
    const recorded = step.values.recorded;
    const answer = step.result;
    if (recorded) {
      // The proposal was just answered: a place named in it already answers the question below.
      const named = answer?.value === 'yes' ? undefined : municipalityNamedIn(step.context.activity.text);
      if (named) return step.next(named);
      if (answer?.value === 'yes') return step.endDialog(recorded);
    }
    return step.prompt(TYPED, withHelp(t.askMunicipality, t.municipalityHelp));
  }

  /** One exact name: taken. Several, or a guess at a typo: a short numbered list to pick from. */
  private async listMatchesStep(step: PlaceStep<string>): Promise<DialogTurnResult> {
    const search = findMunicipalities(step.result);
    if (search.exact && search.matches.length === 1) return step.next({ value: search.matches[0].code } satisfies Pick<ChoiceOption, 'value'>);
    const lines: string[] = [t.municipalityChoose];
    if (search.total > search.matches.length) lines.push(t.municipalityMany(search.total));
    const prompt: OptionsPromptOptions = {
      question: lines.join('\n'),
      options: [
        ...search.matches.map((m) => ({ value: m.code, title: t.municipalityRow(m.name, m.departmentName), synonyms: [m.name] })),
        { value: OTHER, title: t.municipalityOther, synonyms: ['otro', 'ninguno', 'ninguna'] },
      ],
      help: t.municipalityChooseHelp,
    };
    return step.prompt(CHOICE, prompt);
  }

  /** Ends with the municipality picked, or starts over when none of the list was it. */
  private async endWithPlaceStep(step: PlaceStep<Pick<ChoiceOption, 'value'>>): Promise<DialogTurnResult> {
    const code = step.result.value;
    const chosen = code === OTHER ? undefined : getMunicipality(code);
    // "Otro": ask for the name again, without proposing the record a second time.
    if (!chosen) return step.replaceDialog(STEPS, {} satisfies ChoosePlaceOptions);
    await step.context.sendActivity(t.placeChosen(chosen.name, chosen.departmentName));
    return step.endDialog(toPlace(chosen));
  }
}
