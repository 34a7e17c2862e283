// A prompt for a numbered list of options, channel-neutral: it sends the question with suggested actions
// (Web Chat shows buttons, WhatsApp channels render numbers or interactive lists) and accepts the
// number, the title or a synonym, ignoring accents and case, typos, and what the intent classifier
// understands. When unsure it asks "¿Quisiste decir…?" with its two best guesses instead of the list.
import { Activity, ActivityTypes, InputHints, TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { common } from '../messages/common';
import { understanding } from '../messages/understanding';
import { ChoiceOption, recognizeChoice } from '../validators';
import type { HelpPromptOptions } from './helpPromptOptions';
import { intentClassifierOf } from './intentClassifierContext';
import { understandChoice } from './understandChoice';

export interface OptionsPromptOptions extends HelpPromptOptions {
  /** The question, without the list: the list is rendered by each channel from suggested actions. */
  question: string;
  options: ChoiceOption[];
  /** Reason shown before the list again when the answer was not understood. */
  retryReason?: string;
  /** Start waiting for an answer without sending the question (it is sent on a retry or reprompt). */
  silentFirst?: boolean;
  /** Understood by words (never by number) but not listed, e.g. "olvidé mi contraseña" at the menu. */
  hidden?: ChoiceOption[];
}

/** Kept in the prompt's state between the "¿Quisiste decir…?" and the answer to it. */
interface SuggestionState {
  suggestions?: ChoiceOption[];
  /** The person answered "Ninguna de estas": the list comes back without "No entendí". */
  declined?: boolean;
  /** Only a greeting, thanks or goodbye: a short human answer instead of "No entendí". */
  courtesy?: string;
}

const NONE_OF_THESE: ChoiceOption = { value: '__none_of_these', title: understanding.noneOfThese, synonyms: ['ninguna', 'ninguno', 'no', 'otra'] };

/** Builds the channel-neutral activity for a question with numbered options. */
export function optionsActivity(question: string, options: readonly ChoiceOption[]): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text: question,
    inputHint: InputHints.ExpectingInput,
    suggestedActions: {
      to: [],
      actions: options.map((o) => ({ type: 'imBack', title: o.title, value: o.title })),
    },
  };
}

export class OptionsPrompt extends Prompt<ChoiceOption> {
  constructor(dialogId: string, validator?: PromptValidator<ChoiceOption>) {
    // botbuilder counts failed attempts (state.attemptCount) only for prompts with a validator; the
    // default one keeps the count so a person can be offered after repeated failures (src/bot/handoff).
    super(dialogId, validator ?? (async (prompt) => prompt.recognized.succeeded));
  }

  protected async onPrompt(
    context: TurnContext,
    state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    // botbuilder hands a prompt's hooks the base PromptOptions and an untyped state object: this prompt is
    // begun with OptionsPromptOptions (or what optionsFrom expands to them) and keeps its SuggestionState there.
    const o = this.optionsFrom(options);
    const s = state as SuggestionState;
    if (isRetry && s.suggestions) {
      const question = s.suggestions.length > 1 ? understanding.didYouMean : understanding.didYouMeanOne;
      await context.sendActivity(optionsActivity(question, [...s.suggestions, NONE_OF_THESE]));
      return;
    }
    // From here the whole list is shown (also after "ayuda"): numbers refer to it again.
    s.suggestions = undefined;
    const declined = s.declined === true;
    s.declined = undefined;
    const courtesy = s.courtesy ? understanding.courtesyMidTask[s.courtesy as keyof typeof understanding.courtesyMidTask] : undefined;
    s.courtesy = undefined;
    if (o.silentFirst && !isRetry) {
      // On what is kept in the dialog's state, so the next prompt shows the question.
      (options as { silentFirst?: boolean }).silentFirst = false;
      return;
    }
    // A file sent where an option is expected deserves its own reason, not "no entendí".
    const sentFile = (context.activity.attachments ?? []).length > 0 && !context.activity.text?.trim();
    const reason = sentFile ? common.fileNotExpected : (o.retryReason ?? common.notUnderstoodChoice);
    const question = isRetry && !declined ? `${courtesy ?? reason}\n${o.question}` : o.question;
    await context.sendActivity(optionsActivity(question, o.options));
  }

  protected async onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<ChoiceOption>> {
    return this.understand(context, state as SuggestionState, this.optionsFrom(options));
  }

  /**
   * The options this prompt was begun with, as kept in the dialog's state. A prompt that keeps a short
   * form there (MenuPrompt: which menu, not the whole list) expands it here; everyone who reads a
   * prompt's options from the dialog stack reads them through this.
   */
  optionsFrom(stored: PromptOptions): OptionsPromptOptions {
    return stored as OptionsPromptOptions;
  }

  /**
   * botbuilder's Prompt also recognizes in this hook, before the main dialog has handled "menú",
   * "asesor" and the like and provided the classifier. Recognition has effects here (it remembers the
   * guesses it offered), so it runs once, when the prompt continues. No parent handles this event.
   */
  protected override async onPreBubbleEvent(): Promise<boolean> {
    return false;
  }

  private async understand(context: TurnContext, s: SuggestionState, o: OptionsPromptOptions): Promise<PromptRecognizerResult<ChoiceOption>> {
    const text = context.activity.text ?? '';
    const pending = s.suggestions;
    s.suggestions = undefined;
    if (pending) {
      // Numbers now refer to the guesses just offered, not to the original list.
      const picked = recognizeChoice(text, [...pending, NONE_OF_THESE]);
      if (picked?.value === NONE_OF_THESE.value) {
        s.declined = true;
        return { succeeded: false };
      }
      if (picked) return { succeeded: true, value: picked };
    }
    const understood = await understandChoice({ text, options: o.options, hidden: o.hidden, classifier: intentClassifierOf(context) });
    if (understood.kind === 'match') return { succeeded: true, value: understood.option };
    if (understood.kind === 'suggest') s.suggestions = understood.options;
    if (understood.kind === 'none') s.courtesy = understood.courtesy;
    return { succeeded: false };
  }
}
