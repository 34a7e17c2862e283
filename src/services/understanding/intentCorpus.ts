// The classifier's training corpus and the benchmark's held-out set, parsed and checked at start so a
// broken data file stops the process with a clear reason instead of a classifier that knows nothing.
import { z } from 'zod';
import { foldText } from '../../domain/text';

const corpusSchema = z.object({
  locale: z.literal('es'),
  intents: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});

const heldOutSchema = z.object({
  locale: z.literal('es'),
  utterances: z.array(z.object({ text: z.string().min(1), intent: z.string().min(1) })).min(1),
});

export type IntentCorpus = z.infer<typeof corpusSchema>;
export type HeldOutSet = z.infer<typeof heldOutSchema>;

export function parseIntentCorpus(json: unknown): IntentCorpus {
  return corpusSchema.parse(json);
}

export function parseHeldOutSet(json: unknown): HeldOutSet {
  return heldOutSchema.parse(json);
}

/** The form two utterances are compared in: "¡Olvidé mi CLAVE!" and "olvide mi clave" are the same one. */
export function utteranceKey(text: string): string {
  return foldText(text);
}

/** Held-out utterances that also appear in the corpus (they would flatter the benchmark). */
export function overlapWithCorpus(corpus: IntentCorpus, heldOut: HeldOutSet): string[] {
  const trained = new Set(Object.values(corpus.intents).flat().map(utteranceKey));
  return heldOut.utterances.map((u) => u.text).filter((text) => trained.has(utteranceKey(text)));
}

export function utteranceCount(corpus: IntentCorpus): number {
  return Object.values(corpus.intents).reduce((n, list) => n + list.length, 0);
}
