// The observation ("la observación de lo requerido"): free text within the length limits, with an
// example in the question; a bad length says why and asks again.
import { PromptValidatorContext, TextPrompt } from 'botbuilder-dialogs';
import { OBSERVATION_MAX_CHARS, OBSERVATION_MIN_CHARS } from '../../src/services/authorizationRequests/authorizationFilingService';
import { authorizations as t } from '../messages/authorizations';
import { HelpPromptOptions, withHelp } from '../prompts/helpPromptOptions';

async function observationValidator(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const length = (prompt.recognized.value ?? '').trim().length;
  if (length >= OBSERVATION_MIN_CHARS && length <= OBSERVATION_MAX_CHARS) return true;
  await prompt.context.sendActivity(
    length < OBSERVATION_MIN_CHARS ? t.observationTooShort(OBSERVATION_MIN_CHARS, length) : t.observationTooLong(OBSERVATION_MAX_CHARS, length),
  );
  // Once the turn has a reply the prompt does not repeat itself: ask again explicitly.
  if (prompt.options.prompt) await prompt.context.sendActivity(prompt.options.prompt);
  return false;
}

export class ObservationPrompt extends TextPrompt {
  constructor(dialogId: string) {
    super(dialogId, observationValidator);
  }

  /** The question with its example, and the step's help for "ayuda". */
  static options(): HelpPromptOptions {
    return withHelp(t.askObservation, t.observationHelp);
  }
}
