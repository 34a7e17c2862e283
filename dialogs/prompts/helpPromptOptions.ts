// Every question the bot asks can carry its own "ayuda": the prompt's options declare the text, and
// MainDialog shows it when the person writes "ayuda" at that question (then asks the question again).
// botbuilder's PromptOptions has no such field, so each prompt's options extend this one.
import type { Activity } from 'botbuilder';
import type { PromptOptions } from 'botbuilder-dialogs';

export interface HelpPromptOptions extends PromptOptions {
  /** Shown by MainDialog when the person writes "ayuda" at this question. */
  help?: string;
}

/** A free-text question with its "ayuda" (botbuilder's TextPrompt and the like). */
export function withHelp(prompt: string | Partial<Activity>, help: string): HelpPromptOptions {
  return { prompt, help };
}
