// A free-text prompt whose check says WHY an answer is wrong: the retry shows that reason and the same
// question, and every answer given before stays in the parent's step values. A secret prompt (password)
// marks the turn sensitive, so transcripts and recorders keep "[oculto]" instead of what was typed, and
// asks channels that can (the web chat page) to mask what is typed next (channelData.inputKind).
import { ActivityTypes, InputHints, TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import type { HelpPromptOptions } from '../prompts/helpPromptOptions';
import { markInputSensitive, SECRET_INPUT_CHANNEL_DATA } from '../../src/bot/sensitiveInput';
import { isForgotPasswordPhrase } from './forgotPasswordPhrase';

export interface FieldPromptOptions extends HelpPromptOptions {
  prompt: string;
  /** Every free-text question says what to write when the person asks for "ayuda". */
  help: string;
  /** Extra data the check needs (the document type for its number rules…); kept in dialog state. */
  data?: Record<string, string | undefined>;
}

export type FieldCheckResult<T> = { ok: true; value: T } | { ok: false; reason: string };
export type FieldCheck<T> = (text: string, options: FieldPromptOptions) => FieldCheckResult<T>;

interface FieldPromptState {
  reason?: string;
}

export class FieldPrompt<T> extends Prompt<T> {
  constructor(
    dialogId: string,
    private readonly check: FieldCheck<T>,
    private readonly secret = false,
  ) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    // botbuilder hands a prompt's hooks the base PromptOptions and an untyped state object: this prompt is
    // begun with FieldPromptOptions (fieldOptions()) and keeps its FieldPromptState there.
    const question = (options as FieldPromptOptions).prompt;
    const reason = (state as FieldPromptState).reason;
    const text = isRetry && reason ? `${reason}\n${question}` : question;
    await context.sendActivity({
      type: ActivityTypes.Message,
      text,
      inputHint: InputHints.ExpectingInput,
      ...(this.secret ? { channelData: SECRET_INPUT_CHANNEL_DATA } : {}),
    });
  }

  protected async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<T>> {
    // "olvidé mi contraseña" typed where the password goes is a request, not a secret: it stays readable.
    if (this.secret && !isForgotPasswordPhrase(context.activity.text ?? '')) markInputSensitive(context);
    const result = this.check(context.activity.text ?? '', options as FieldPromptOptions);
    const s = state as FieldPromptState;
    if (result.ok) {
      delete s.reason;
      return { succeeded: true, value: result.value };
    }
    s.reason = result.reason;
    return { succeeded: false };
  }
}

export function fieldOptions(prompt: string, help: string, data?: FieldPromptOptions['data']): FieldPromptOptions {
  return data ? { prompt, help, data } : { prompt, help };
}
