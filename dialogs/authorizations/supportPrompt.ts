// Waits for the next support: a message with attachments (a file) or text ("listo"). Unlike botbuilder's
// AttachmentPrompt it also takes text, so "listo" ends the list; `quiet` waits without repeating the
// question (the previous reply already said what to do), which it shows again on "ayuda".
import { TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import { markAwaitingFile } from '../../src/bot/awaitingFile';
import type { HelpPromptOptions } from '../prompts/helpPromptOptions';

export interface SupportPromptOptions extends HelpPromptOptions {
  quiet?: boolean;
}

export interface SupportAnswer {
  attachments: { contentType?: string; name?: string; contentUrl?: string }[];
  text: string;
}

export class SupportPrompt extends Prompt<SupportAnswer> {
  constructor(dialogId: string) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    // Web chat accepts an upload only while this mark is on the innermost dialog.
    markAwaitingFile(state);
    // botbuilder hands a prompt's hooks the base PromptOptions; this prompt is begun with SupportPromptOptions.
    const o = options as SupportPromptOptions;
    if (o.quiet && !isRetry) {
      // Only the first time: a reprompt (after "ayuda" or an agent's hand-back) shows the question.
      o.quiet = false;
      return;
    }
    if (o.prompt) await context.sendActivity(o.prompt);
  }

  protected async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<SupportAnswer>> {
    const attachments = (context.activity.attachments ?? []).map((a) => ({ contentType: a.contentType, name: a.name, contentUrl: a.contentUrl }));
    const text = context.activity.text ?? '';
    if (attachments.length === 0 && !text.trim()) return { succeeded: false };
    return { succeeded: true, value: { attachments, text } };
  }
}
