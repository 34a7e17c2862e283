// "resonansia", "resonacia magnetica", "glucoza": a service named with a typo or two is still that
// service. Each typed word must be close to a word of the name (or start one), with a typo budget
// that grows with the word's length, so short words never match by accident.
import { editDistance } from './editDistance';
import { foldText } from './text';

/** Typos forgiven in a word of this length: none up to 4 letters, one up to 7, then two. */
export function typoBudgetFor(length: number): number {
  if (length <= 4) return 0;
  return length <= 7 ? 1 : 2;
}

function wordMatches(typed: string, candidate: string): boolean {
  if (candidate.startsWith(typed)) return true;
  const budget = typoBudgetFor(Math.min(typed.length, candidate.length));
  return budget > 0 && editDistance(typed, candidate, budget) <= budget;
}

/** Whether every word of `query` (3+ letters; shorter ones are ignored) matches some word of `text`. */
export function containsWordsLoosely(text: string, query: string): boolean {
  const words = foldText(text).split(' ');
  const typed = foldText(query).split(' ').filter((w) => w.length >= 3);
  return typed.length > 0 && typed.every((t) => words.some((w) => wordMatches(t, w)));
}
