// The intent classifier, with NLP.js (a small neural network over stemmed Spanish words, trained in
// process, no network). Trained once at start from data/intents.es.json; every turn then only runs the
// network. Its spell check maps a typed word one edit away from a learned one ("sertificado",
// "aseor") onto it; the corpus itself also carries common misspellings. Weights start at zero and
// training is a fixed number of passes, so the same corpus always gives the same answers.
import { containerBootstrap } from '@nlpjs/core';
import { LangEs } from '@nlpjs/lang-es';
import { Nlp } from '@nlpjs/nlp';
import { performance } from 'node:perf_hooks';
import type { IntentClassifier, IntentGuess } from '../ports/intentClassifier';
import { IntentCorpus } from './intentCorpus';

/** NLP.js's name for "none of the intents"; the corpus may also teach it examples of unrelated talk. */
export const NONE_INTENT = 'None';

/** Longer inputs are cut: a pasted letter says what it wants in its first words, and the network's cost grows with length. */
const MAX_CLASSIFIED_CHARS = 300;

export class NlpjsIntentClassifier implements IntentClassifier {
  private constructor(
    private readonly nlp: Nlp,
    /** How long training took, for the start log and the benchmark. */
    readonly trainingMs: number,
  ) {}

  static async train(corpus: IntentCorpus): Promise<NlpjsIntentClassifier> {
    const started = performance.now();
    const container = await containerBootstrap();
    container.use(Nlp);
    container.use(LangEs);
    // Spell check within one edit; no per-epoch console output (NLP.js logs every training pass by default).
    container.registerConfiguration(
      'nlu-es',
      { log: false, spellCheck: true, spellCheckDistance: 1, keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, filterZeros: true },
      true,
    );
    const nlp = container.get('nlp');
    nlp.settings.autoSave = false;
    nlp.settings.autoLoad = false;
    nlp.addLanguage(corpus.locale);
    nlp.nluManager.settings.log = false;
    for (const [intent, utterances] of Object.entries(corpus.intents)) {
      for (const utterance of utterances) nlp.addDocument(corpus.locale, utterance, intent);
    }
    await nlp.train();
    return new NlpjsIntentClassifier(nlp, performance.now() - started);
  }

  async classify(text: string): Promise<IntentGuess[]> {
    const input = text.slice(0, MAX_CLASSIFIED_CHARS).trim();
    if (!input) return [];
    const result = await this.nlp.process('es', input);
    if (result.intent === NONE_INTENT) return [];
    return result.classifications
      .filter((c) => c.intent !== NONE_INTENT && c.score > 0)
      .map((c) => ({ intent: c.intent, score: c.score }))
      .sort((a, b) => b.score - a.score || a.intent.localeCompare(b.intent));
  }
}
