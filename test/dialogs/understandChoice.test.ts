// How an answer to a question with options is read, with a stand-in classifier so the thresholds are
// tested exactly: sure → taken, unsure → two guesses offered, nothing → nothing.
import { describe, expect, it } from 'vitest';
import { understandChoice } from '../../dialogs/prompts/understandChoice';
import { ChoiceOption } from '../../dialogs/validators';
import type { IntentClassifier, IntentGuess } from '../../src/services/ports/intentClassifier';

const OPTIONS: ChoiceOption[] = [
  { value: 'certificates', title: 'Certificados', synonyms: ['certificado de afiliacion'] },
  { value: 'requestAuthorization', title: 'Solicitar autorización' },
  { value: 'authorizationStatus', title: 'Estado de autorizaciones' },
  { value: 'agent', title: 'Hablar con un asesor' },
];
const HIDDEN: ChoiceOption[] = [{ value: 'recoverPassword', title: 'Recuperar mi contraseña' }];

const saying = (guesses: IntentGuess[]): IntentClassifier => ({ classify: async () => guesses });

describe('understandChoice', () => {
  it('takes numbers and option words before anything else', async () => {
    expect(await understandChoice({ text: '2', options: OPTIONS, classifier: saying([{ intent: 'agent', score: 1 }]) })).toEqual({ kind: 'match', option: OPTIONS[1] });
    expect(await understandChoice({ text: 'certificados', options: OPTIONS })).toEqual({ kind: 'match', option: OPTIONS[0] });
  });

  it('forgives typos in a title or synonym without any classifier', async () => {
    expect(await understandChoice({ text: 'sertificados', options: OPTIONS })).toEqual({ kind: 'match', option: OPTIONS[0] });
    expect(await understandChoice({ text: 'hablar con un asesr', options: OPTIONS })).toEqual({ kind: 'match', option: OPTIONS[3] });
  });

  it('a word shared by two options is not decided by spelling alone', async () => {
    const understood = await understandChoice({ text: 'autorizacion', options: OPTIONS });
    expect(understood).toEqual({ kind: 'suggest', options: [OPTIONS[1], OPTIONS[2]] });
  });

  it('takes a sure guess, offers unsure ones, and ignores intents no option has', async () => {
    const sure = saying([{ intent: 'certificates', score: 0.93 }]);
    expect(await understandChoice({ text: 'una constancia', options: OPTIONS, classifier: sure })).toEqual({ kind: 'match', option: OPTIONS[0] });
    const unsure = saying([{ intent: 'authorizationStatus', score: 0.55 }, { intent: 'requestAuthorization', score: 0.4 }]);
    expect(await understandChoice({ text: 'lo de la orden', options: OPTIONS, classifier: unsure })).toEqual({ kind: 'suggest', options: [OPTIONS[2], OPTIONS[1]] });
    const elsewhere = saying([{ intent: 'menu', score: 0.99 }]);
    expect(await understandChoice({ text: 'volver', options: OPTIONS, classifier: elsewhere })).toEqual({ kind: 'none' });
    // A plain "gracias" picks nothing, and says it was courtesy (the prompt answers it kindly).
    const thanks = saying([{ intent: 'thanks', score: 0.99 }]);
    expect(await understandChoice({ text: 'gracias', options: OPTIONS, classifier: thanks })).toEqual({ kind: 'none', courtesy: 'thanks' });
    const faint = saying([{ intent: 'certificates', score: 0.2 }]);
    expect(await understandChoice({ text: 'algo', options: OPTIONS, classifier: faint })).toEqual({ kind: 'none' });
  });

  it('sets aside the courtesy in "hola, quiero un certificado", but not in a plain "gracias"', async () => {
    const mixed = saying([{ intent: 'certificates', score: 0.6 }, { intent: 'greeting', score: 0.4 }]);
    expect(await understandChoice({ text: 'hola quiero una constancia', options: OPTIONS, classifier: mixed })).toEqual({ kind: 'match', option: OPTIONS[0] });
    const thanks = saying([{ intent: 'thanks', score: 0.9 }, { intent: 'certificates', score: 0.1 }]);
    expect(await understandChoice({ text: 'muy amable', options: OPTIONS, classifier: thanks })).toEqual({ kind: 'none', courtesy: 'thanks' });
  });

  it('understands hidden options by words, never by number', async () => {
    const recover = saying([{ intent: 'recoverPassword', score: 0.97 }]);
    expect(await understandChoice({ text: 'olvide la clave', options: OPTIONS, hidden: HIDDEN, classifier: recover })).toEqual({ kind: 'match', option: HIDDEN[0] });
    expect(await understandChoice({ text: '5', options: OPTIONS, hidden: HIDDEN })).toEqual({ kind: 'none' });
  });
});
