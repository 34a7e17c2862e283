// Words that say a life may be at risk right now ("no respira", "dolor en el pecho", "me quiero
// morir"), anywhere in a conversation. Pure text rules, no classifier: they must be predictable,
// instant and never miss a listed phrase. Paperwork that merely names a condition ("autorización de
// una consulta de urgencias", "certificado de incapacidad por el infarto") is not an alarm: condition
// words count only when the message is not about a procedure or document.
import { foldText } from './text';

export type VitalRiskKind = 'emergency' | 'self_harm';

export interface VitalRisk {
  kind: VitalRiskKind;
}

/** Happening now: always an alarm, whatever else the message says. Folded text, word-bounded. */
const ACUTE_EMERGENCY = [
  'no respira', 'no puede respirar', 'no puedo respirar', 'no esta respirando', 'se esta ahogando', 'se ahoga', 'me ahogo',
  'dolor en el pecho', 'dolor de pecho', 'dolor fuerte en el pecho', 'me duele el pecho', 'le duele el pecho',
  'convulsiona', 'convulsionando', 'esta convulsionando', 'le dio una convulsion', 'le esta dando una convulsion', 'conbulsiona',
  'sangrado abundante', 'sangra mucho', 'sangrando mucho', 'no para de sangrar', 'mucha sangre',
  'se desmayo', 'se desmallo', 'se desmaya', 'esta desmayado', 'esta desmayada', 'perdio el conocimiento', 'esta inconsciente',
  'no reacciona', 'no despierta',
  'se le durmio la mitad de la cara', 'no puede hablar ni mover', 'se le torcio la boca',
  'se trago', 'se tomo un veneno', 'se envenen', 'envenenado', 'envenenada',
];

const ACUTE_SELF_HARM = [
  'intento de suicidio', 'intento suicidarse', 'intento suicidarme', 'se quiere suicidar', 'me quiero suicidar', 'suicidarme',
  'me quiero morir', 'quiero morirme', 'me voy a matar', 'me quiero matar', 'se quiere matar', 'quitarme la vida',
  'no quiero vivir', 'no quiero seguir viviendo', 'me corte las venas', 'se corto las venas', 'suisidio', 'suicidio',
];

/** Conditions named as words: an alarm only when the message is not about paperwork. */
const CONDITIONS = ['infarto', 'hemorragia', 'derrame cerebral', 'convulsiones', 'convulsion', 'paro cardiaco', 'ataque al corazon'];

/** Words of a procedure or document: with these, a condition word is the subject of a request. */
const PAPERWORK = [
  'autorizacion', 'autorizar', 'certificado', 'cita', 'control', 'orden', 'examen', 'formula', 'incapacidad', 'radicar',
  'historia clinica', 'consulta', 'tramite', 'solicitud', 'reembolso', 'medicamento', 'terapia', 'tratamiento',
];

/** The phrase starts at a word ("convulsiona" also finds "convulsionando"; "orden" not "desorden"). */
function containsPhrase(folded: string, phrase: string): boolean {
  return ` ${folded}`.includes(` ${phrase}`);
}

/** The vital risk a message states, self-harm first (it adds the mental-health line); undefined for ordinary messages. */
export function detectVitalRisk(text: string | undefined): VitalRisk | undefined {
  if (!text) return undefined;
  const folded = foldText(text.slice(0, 2000));
  if (!folded) return undefined;
  if (ACUTE_SELF_HARM.some((p) => containsPhrase(folded, p))) return { kind: 'self_harm' };
  if (ACUTE_EMERGENCY.some((p) => containsPhrase(folded, p))) return { kind: 'emergency' };
  const aboutPaperwork = PAPERWORK.some((p) => containsPhrase(folded, p));
  if (!aboutPaperwork && CONDITIONS.some((p) => containsPhrase(folded, p))) return { kind: 'emergency' };
  return undefined;
}
