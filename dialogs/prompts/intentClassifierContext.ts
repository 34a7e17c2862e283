// The intent classifier travels with the turn (botbuilder's turnState), so every question with options
// can use it without each dialog taking it as a constructor argument. The main dialog provides it.
import type { TurnContext } from 'botbuilder';
import type { IntentClassifier } from '../../src/services/ports/intentClassifier';

const INTENT_CLASSIFIER = Symbol('intentClassifier');

export function provideIntentClassifier(context: TurnContext, classifier: IntentClassifier | undefined): void {
  if (classifier) context.turnState.set(INTENT_CLASSIFIER, classifier);
}

export function intentClassifierOf(context: TurnContext): IntentClassifier | undefined {
  return context.turnState.get(INTENT_CLASSIFIER) as IntentClassifier | undefined;
}
