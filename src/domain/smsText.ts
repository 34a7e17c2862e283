// SMS bodies in the GSM-7 alphabet. One character outside it (á, í, ó, ú and their capitals; é, ñ, ü
// and ¿ are inside) switches the whole message to UCS-2: 70 characters a segment instead of 160, so a
// notice that fits one segment costs two or three. Names ("María") and dates ("miércoles") bring those
// letters in, so every SMS is folded here, in one place, and reads the same whoever it names.

const OUTSIDE_GSM7: Record<string, string> = { á: 'a', í: 'i', ó: 'o', ú: 'u', Á: 'A', Í: 'I', Ó: 'O', Ú: 'U' };

/** The text an SMS carries: GSM-7 letters only, and no doubled period (an initial "P." before "."). */
export function smsText(text: string): string {
  return text.replace(/[áíóúÁÍÓÚ]/g, (c) => OUTSIDE_GSM7[c] ?? c).replace(/\.{2,}(?!\.)/g, '.');
}
