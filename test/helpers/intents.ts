// The classifier `npm start` trains from data/intents.es.json, shared by the tests of one worker.
import { trainIntentClassifier } from '../../src/composition/understanding';
import { silentLogger } from '../../src/observability/logger';
import type { IntentClassifier } from '../../src/services/ports/intentClassifier';

export function trainedIntents(): Promise<IntentClassifier> {
  return trainIntentClassifier(silentLogger);
}
