// Pure answer recognition shared by every dialog: accents and case never matter,
// options may be answered by number or by words.

/** Lower case, no accents, single spaces, no surrounding punctuation. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[¿?¡!.,;:"'()*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** V narrows the values a list can return ('yes' | 'no'…), so the step that reads the answer needs no cast. */
export interface ChoiceOption<V extends string = string> {
  /** Stable value returned to the dialog. */
  value: V;
  /** What the user sees. */
  title: string;
  /** Other words that pick this option ("si", "claro", "autorizaciones"). */
  synonyms?: string[];
  /** The classifier's intent that means this option, when it is not `value` (data/intents.es.json). */
  intent?: string;
}

const NUMBER_WORDS: Record<string, number> = {
  uno: 1, primero: 1, primera: 1, dos: 2, segundo: 2, segunda: 2, tres: 3, tercero: 3, tercera: 3,
  cuatro: 4, cuarto: 4, cuarta: 4, cinco: 5, quinto: 5, quinta: 5, seis: 6, sexto: 6, sexta: 6,
  siete: 7, septimo: 7, septima: 7, ocho: 8, octavo: 8, octava: 8, nueve: 9, noveno: 9, novena: 9,
  diez: 10, decimo: 10, decima: 10, once: 11, doce: 12,
};

/**
 * Finds the option the user meant: "2", "2.", "opción 2", "dos", the title, a synonym,
 * or words that appear in exactly one option. Returns undefined when nothing or more than one matches.
 */
export function recognizeChoice<T extends ChoiceOption>(input: string, options: readonly T[]): T | undefined {
  const said = normalize(input);
  if (!said) return undefined;
  const numberMatch = /^(?:opcion|numero|la|el|#)?\s*(\d{1,2})\b/.exec(said);
  if (numberMatch) {
    const index = Number(numberMatch[1]) - 1;
    return options[index];
  }
  const asWord = NUMBER_WORDS[said.replace(/^(opcion|la|el) /, '')];
  if (asWord !== undefined) return options[asWord - 1];

  const exact = options.filter(
    (o) => normalize(o.title) === said || normalize(o.value) === said || (o.synonyms ?? []).some((s) => normalize(s) === said),
  );
  if (exact.length === 1) return exact[0];

  // Partial: every word the user typed (3+ letters) appears in the option's words.
  const words = said.split(' ').filter((w) => w.length >= 3);
  if (words.length === 0) return undefined;
  const partial = options.filter((o) => {
    const haystack = normalize([o.title, ...(o.synonyms ?? [])].join(' '));
    return words.every((w) => haystack.includes(w));
  });
  return partial.length === 1 ? partial[0] : undefined;
}

const YES = ['si', 'sí', 's', 'claro', 'acepto', 'de acuerdo', 'ok', 'listo', 'confirmo', 'correcto', 'dale', 'bueno'];
const NO = ['no', 'n', 'no acepto', 'negativo', 'incorrecto', 'nop'];

/** true for yes, false for no, undefined when unclear. */
export function recognizeYesNo(input: string): boolean | undefined {
  const said = normalize(input);
  if (said === '1') return true;
  if (said === '2') return false;
  if (YES.map(normalize).includes(said)) return true;
  if (NO.map(normalize).includes(said)) return false;
  return undefined;
}
