// The classifier's data and its contract: the held-out set measures what it never saw, answers are
// repeatable, and unrelated text yields no guess (so nobody is asked "¿Quisiste decir…?" about it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MENU } from '../../dialogs/menu';
import { PROJECT_ROOT } from '../../src/config';
import { loadIntentCorpus } from '../../src/composition/understanding';
import { overlapWithCorpus, parseHeldOutSet, utteranceCount } from '../../src/services/understanding/intentCorpus';
import { NlpjsIntentClassifier } from '../../src/services/understanding/nlpjsIntentClassifier';
import { trainedIntents } from '../helpers/intents';

const heldOut = parseHeldOutSet(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'intents.heldout.es.json'), 'utf8')));

describe('intent corpus and held-out set', () => {
  it('the held-out set shares no utterance with the training corpus (accents, case and punctuation ignored)', async () => {
    const corpus = await loadIntentCorpus();
    expect(overlapWithCorpus(corpus, heldOut)).toEqual([]);
    expect(overlapWithCorpus(corpus, { locale: 'es', utterances: [{ text: '¡Olvidé mi CLAVE!', intent: 'recoverPassword' }] })).toEqual(['¡Olvidé mi CLAVE!']);
  });

  it('the held-out set has at least 100 utterances, each naming an intent the corpus teaches', async () => {
    const corpus = await loadIntentCorpus();
    expect(heldOut.utterances.length).toBeGreaterThanOrEqual(100);
    for (const u of heldOut.utterances) expect(Object.keys(corpus.intents), u.text).toContain(u.intent);
  });

  it('every main-menu entry has an intent of the same name in the corpus', async () => {
    const corpus = await loadIntentCorpus();
    for (const entry of MENU) expect(corpus.intents[entry.value], entry.value).toBeDefined();
    expect(utteranceCount(corpus)).toBeGreaterThan(300);
  });
});

describe('NLP.js intent classifier', () => {
  it('understands requests it was not trained on, typos included', async () => {
    const intents = await trainedIntents();
    expect((await intents.classify('me podria comunicar con un asesor por favor'))[0].intent).toBe('agent');
    expect((await intents.classify('sertificao de afiliacion'))[0].intent).toBe('certificates');
    expect((await intents.classify('necesito una autorisacion para mi examen'))[0].intent).toBe('requestAuthorization');
  });

  it('gives no guess for text with nothing it learned', async () => {
    const intents = await trainedIntents();
    expect(await intents.classify('xqzw')).toEqual([]);
    expect(await intents.classify('Soledad')).toEqual([]);
    expect(await intents.classify('   ')).toEqual([]);
  });

  it('is deterministic: two trainings on the same corpus answer the same', async () => {
    const corpus = await loadIntentCorpus();
    const [a, b] = [await NlpjsIntentClassifier.train(corpus), await NlpjsIntentClassifier.train(corpus)];
    for (const u of heldOut.utterances.slice(0, 30)) expect(await a.classify(u.text)).toEqual(await b.classify(u.text));
  });
});
