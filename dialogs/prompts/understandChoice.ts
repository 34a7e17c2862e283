// What a person meant at a question with options, from the surest reading to the loosest: the number or
// the words of an option (recognizeChoice), a typo of them ("sertificados", "registrame"), then the
// intent classifier ("quiero un certificado de afiliación"). Sure enough → that option; unsure → the two
// best guesses, to ask "¿Quisiste decir…?"; nothing → the question again.
import { editDistance } from '../../src/domain/editDistance';
import { typoBudgetFor as typoBudget } from '../../src/domain/looseWords';
import type { IntentClassifier } from '../../src/services/ports/intentClassifier';
import { ChoiceOption, normalize, recognizeChoice } from '../validators';

/** At or above this score the classifier's best guess is taken without asking. */
export const ACCEPT_SCORE = 0.8;
/** At or above this score (and below ACCEPT_SCORE) the person is asked "¿Quisiste decir…?". */
export const SUGGEST_SCORE = 0.3;
/** Intents that are manners, not requests: they can come with a request in the same message. */
export const COURTESY_INTENTS: readonly string[] = ['greeting', 'thanks', 'goodbye'];
/** At or above this share the message is courtesy only. */
const COURTESY_ONLY = 0.8;
/** A second guess below this is noise, not worth offering. */
const SECOND_GUESS_SCORE = 0.05;

/** `courtesy`: nothing was chosen, the message was only a greeting, thanks or goodbye (that intent). */
export type Understood<T> = { kind: 'match'; option: T } | { kind: 'suggest'; options: T[] } | { kind: 'none'; courtesy?: string };

export interface UnderstandChoiceInput<T extends ChoiceOption> {
  text: string;
  /** The options shown, in order (numbers refer to these). */
  options: readonly T[];
  /** Options not shown but understood by words ("olvidé mi contraseña" at the main menu). */
  hidden?: readonly T[];
  classifier?: IntentClassifier;
}

export async function understandChoice<T extends ChoiceOption>(input: UnderstandChoiceInput<T>): Promise<Understood<T>> {
  const { text, options } = input;
  const shown = recognizeChoice(text, options);
  if (shown) return { kind: 'match', option: shown };
  const all = [...options, ...(input.hidden ?? [])];
  // Hidden options are never picked by number: "2" means the second option shown.
  const hidden = /^\s*\d/.test(text) ? undefined : recognizeChoice(text, input.hidden ?? []);
  if (hidden) return { kind: 'match', option: hidden };

  const typos = closeByTypo(text, all);
  if (typos.length === 1) return { kind: 'match', option: typos[0] };

  const guesses = input.classifier ? await input.classifier.classify(text) : [];
  // "hola, quiero un certificado" is a greeting and a request: the courtesy's share of the score is set
  // aside, unless courtesy is nearly all the message says ("gracias").
  const courtesy = guesses.filter((g) => COURTESY_INTENTS.includes(g.intent)).reduce((sum, g) => sum + g.score, 0);
  const scale = courtesy < COURTESY_ONLY ? 1 / (1 - courtesy) : 1;
  const ranked: { option: T; score: number }[] = [];
  for (const guess of guesses) {
    const option = all.find((o) => (o.intent ?? o.value) === guess.intent);
    if (option) ranked.push({ option, score: Math.min(1, guess.score * scale) });
  }
  const best = ranked[0];
  if (best && best.score >= ACCEPT_SCORE) return { kind: 'match', option: best.option };

  const suggestions: T[] = [];
  if (best && best.score >= SUGGEST_SCORE) {
    suggestions.push(best.option);
    const second = ranked[1];
    if (second && second.score >= SECOND_GUESS_SCORE) suggestions.push(second.option);
  }
  for (const option of typos) if (!suggestions.includes(option)) suggestions.push(option);
  if (suggestions.length === 0) {
    const polite = courtesy >= COURTESY_ONLY ? guesses.find((g) => COURTESY_INTENTS.includes(g.intent)) : undefined;
    return polite ? { kind: 'none', courtesy: polite.intent } : { kind: 'none' };
  }
  return { kind: 'suggest', options: suggestions.slice(0, 2) };
}

/**
 * Options whose words the text matches within a typo or two: the whole text against a title or synonym,
 * or every word of the text (4+ letters) against some word of the option. Closest first; one option means no doubt.
 */
export function closeByTypo<T extends ChoiceOption>(text: string, options: readonly T[]): T[] {
  const said = normalize(text);
  if (!said || /^\d/.test(said)) return [];
  const saidWords = said.split(' ').filter((w) => w.length >= 4);
  const scored: { option: T; distance: number }[] = [];
  for (const option of options) {
    const phrases = [option.title, ...(option.synonyms ?? [])].map(normalize);
    let distance = Infinity;
    for (const phrase of phrases) {
      const d = editDistance(said, phrase, typoBudget(phrase.length));
      if (d <= typoBudget(phrase.length)) distance = Math.min(distance, d);
    }
    if (distance === Infinity && saidWords.length > 0) {
      const words = [...new Set(phrases.flatMap((p) => p.split(' ')).filter((w) => w.length >= 3))];
      const perWord = saidWords.map((w) =>
        Math.min(...words.map((c) => {
          const d = editDistance(w, c, typoBudget(c.length));
          return d <= typoBudget(c.length) ? d : Infinity;
        })),
      );
      // Every word within its budget; a word-by-word match counts as weaker than a whole-phrase one.
      if (perWord.every(Number.isFinite)) distance = 0.5 + perWord.reduce((sum, d) => sum + d, 0);
    }
    if (distance !== Infinity) scored.push({ option, distance });
  }
  scored.sort((a, b) => a.distance - b.distance);
  const closest = scored[0]?.distance ?? Infinity;
  // A whole title or synonym typed with a slip is decisive; single words shared by several options
  // ("autorización" in "Solicitar…" and "Estado de…") are not: the caller then asks.
  if (closest < 0.5) return scored.filter((s) => s.distance === closest).map((s) => s.option);
  return scored.map((s) => s.option);
}
