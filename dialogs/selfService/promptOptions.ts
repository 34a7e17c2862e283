// Free-text prompts carry their own help (shown by MainDialog on "ayuda") and a retry that says what was wrong.
import { PromptOptions } from 'botbuilder-dialogs';

export interface TextPromptOptions extends PromptOptions {
  prompt: string;
  retryPrompt: string;
  help: string;
}

export function textPrompt(prompt: string, retryPrompt: string, help: string): TextPromptOptions {
  return { prompt, retryPrompt, help };
}
