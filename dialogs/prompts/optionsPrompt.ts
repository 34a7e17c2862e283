// A prompt for a numbered list of options, channel-neutral: it sends the question with suggested actions
// (Web Chat shows buttons, WhatsApp channels render numbers or interactive lists) and accepts the
// number, the title or a synonym, ignoring accents and case.
import { Activity, ActivityTypes, InputHints, TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { common } from '../messages/common';
import { ChoiceOption, recognizeChoice } from '../validators';

export interface OptionsPromptOptions extends PromptOptions {
  /** The question, without the list: the list is rendered by each channel from suggested actions. */
  question: string;
  options: ChoiceOption[];
  /** Shown when the user writes "ayuda" at this step. */
  help?: string;
  /** Reason shown before the list again when the answer was not understood. */
  retryReason?: string;
  /** Start waiting for an answer without sending the question (it is sent on a retry or reprompt). */
  silentFirst?: boolean;
}

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
    // default one keeps the count so a person can be offered after repeated failures (src/handoff).
    super(dialogId, validator ?? (async (prompt) => prompt.recognized.succeeded));
  }

  protected async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const o = options as OptionsPromptOptions;
    if (o.silentFirst && !isRetry) {
      o.silentFirst = false;
      return;
    }
    // A file sent where an option is expected deserves its own reason, not "no entendí".
    const sentFile = (context.activity.attachments ?? []).length > 0 && !context.activity.text?.trim();
    const reason = sentFile ? common.fileNotExpected : (o.retryReason ?? common.notUnderstoodChoice);
    const question = isRetry ? `${reason}\n${o.question}` : o.question;
    await context.sendActivity(optionsActivity(question, o.options));
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<ChoiceOption>> {
    const text = context.activity.text ?? '';
    const match = recognizeChoice(text, (options as OptionsPromptOptions).options);
    return match ? { succeeded: true, value: match } : { succeeded: false };
  }
}
