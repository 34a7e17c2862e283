// The three contact fields as text prompts: "igual" keeps the value; anything else must pass the domain
// check (phone.ts, contact.ts), or the reason is said and the question asked again.
import { PromptValidatorContext, TextPrompt } from 'botbuilder-dialogs';
import { normalize } from '../validators';

const KEEP_WORDS = ['igual', 'el mismo', 'la misma', 'mismo', 'misma', 'sin cambios', 'no cambia', 'dejar', 'dejarlo', 'dejarla', 'no'];

/** "igual", "el mismo"…: keep the value as it is. */
export function isKeepAnswer(text: string | undefined): boolean {
  return KEEP_WORDS.includes(normalize(text ?? ''));
}

/** A text prompt validator that accepts "igual" or a value the check approves; otherwise says why. */
export function fieldValidator<R extends string>(check: (text: string) => { ok: true } | { ok: false; reason: R }, reasons: Record<R, string>) {
  return async (prompt: PromptValidatorContext<string>): Promise<boolean> => {
    const text = prompt.recognized.value ?? '';
    if (isKeepAnswer(text)) return true;
    const result = check(text);
    if (result.ok) return true;
    // Once the turn has a reply the prompt does not repeat itself: ask again explicitly.
    await prompt.context.sendActivity(reasons[result.reason]);
    if (prompt.options.prompt) await prompt.context.sendActivity(prompt.options.prompt);
    return false;
  };
}

/** The validators already approved the answer; this only unwraps the normalised value. */
export function checkOk<T extends { ok: boolean }>(check: T): Extract<T, { ok: true }> {
  if (!check.ok) throw new Error('validated answer failed its check');
  return check as Extract<T, { ok: true }>;
}

/** A text prompt for one field, validated by `check`, with one reason per problem. */
export function contactFieldPrompt<R extends string>(
  dialogId: string,
  check: (text: string) => { ok: true } | { ok: false; reason: R },
  reasons: Record<R, string>,
): TextPrompt {
  return new TextPrompt(dialogId, fieldValidator(check, reasons));
}
