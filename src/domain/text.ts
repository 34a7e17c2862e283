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

/**
 * WhatsApp's emphasis marks removed, for screens that show plain text (web chat, agent console):
 * "*menú*" → "menú", "_ejemplo_" → "ejemplo", only where WhatsApp itself would show them (marks hugging the words).
 */
export function withoutEmphasisMarks(text: string): string {
  return text
    .replace(/(^|[\s(¿¡"'«])\*([^\s*](?:[^*\n]*[^\s*])?)\*(?=$|[\s.,;:!?)"'»])/gmu, '$1$2')
    .replace(/(^|[\s(¿¡"'«])_([^\s_](?:[^_\n]*[^\s_])?)_(?=$|[\s.,;:!?)"'»])/gmu, '$1$2');
}
