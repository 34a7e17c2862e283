// The intent classifier, trained once per process at start from data/intents.es.json (well under a
// second; the time is logged and measured by `npm run bench`), never during a conversation. Training
// is deterministic and the classifier keeps no per-conversation state, so every app built in the same
// process (tests build many) shares one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import type { Logger } from '../observability/logger';
import type { IntentClassifier } from '../services/ports/intentClassifier';
import { parseIntentCorpus } from '../services/understanding/intentCorpus';
import { NlpjsIntentClassifier } from '../services/understanding/nlpjsIntentClassifier';

export const INTENT_CORPUS_FILE = path.join(PROJECT_ROOT, 'data', 'intents.es.json');

let trained: Promise<NlpjsIntentClassifier> | undefined;

export async function loadIntentCorpus(file = INTENT_CORPUS_FILE) {
  return parseIntentCorpus(JSON.parse(await readFile(file, 'utf8')));
}

export async function trainIntentClassifier(logger: Logger): Promise<IntentClassifier> {
  const first = !trained;
  trained ??= loadIntentCorpus().then((corpus) => NlpjsIntentClassifier.train(corpus));
  try {
    const classifier = await trained;
    if (first) logger.info('nlu.trained', { ms: Math.round(classifier.trainingMs) });
    return classifier;
  } catch (error) {
    trained = undefined;
    throw error;
  }
}

