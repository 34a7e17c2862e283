// Text folding shared by the domain matchers (documents, dates, places): users type without accents,
// in any case, with stray punctuation, so every comparison happens on a folded form.
// (dialogs/validators.ts has its own `normalize`; the domain cannot import from dialogs/.)

/** Lower case, accents removed (ñ → n too), punctuation turned into spaces, single spaces, trimmed. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Removes every character that is not a letter or digit, upper-cased: "1.045.678-901" → "1045678901". */
export function compactAlnum(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
}
