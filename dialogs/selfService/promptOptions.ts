// Free-text prompts carry their own help (shown by MainDialog on "ayuda") and a retry that says what was wrong.
import type { HelpPromptOptions } from '../prompts/helpPromptOptions';

export interface TextPromptOptions extends HelpPromptOptions {
  prompt: string;
  retryPrompt: string;
  help: string;
}

export function textPrompt(prompt: string, retryPrompt: string, help: string): TextPromptOptions {
  return { prompt, retryPrompt, help };
}
