import { describe, expect, it } from 'vitest';
import { normalize, recognizeChoice, recognizeYesNo } from '../../dialogs/validators';

const options = [
  { value: 'cc', title: 'Cédula de ciudadanía', synonyms: ['cedula', 'cc'] },
  { value: 'ti', title: 'Tarjeta de identidad', synonyms: ['ti'] },
  { value: 'ce', title: 'Cédula de extranjería', synonyms: ['ce'] },
];

describe('recognizeChoice', () => {
  it.each([
    ['1', 'cc'], ['2.', 'ti'], ['opción 3', 'ce'], ['dos', 'ti'], ['la primera', 'cc'],
    ['CÉDULA DE CIUDADANÍA', 'cc'], ['cedula de ciudadania', 'cc'], ['tarjeta', 'ti'], ['extranjeria', 'ce'], ['TI', 'ti'],
  ])('"%s" picks %s', (input, expected) => {
    expect(recognizeChoice(input, options)?.value).toBe(expected);
  });

  it.each([['4'], [''], ['   '], ['pizza'], ['cedula de']])('"%s" picks nothing', (input) => {
    expect(recognizeChoice(input, options)).toBeUndefined();
  });

  it('an ambiguous word picks nothing rather than guessing', () => {
    expect(recognizeChoice('cédula', [{ ...options[0], synonyms: [] }, { ...options[2], synonyms: [] }])).toBeUndefined();
  });
});

describe('recognizeYesNo and normalize', () => {
  it.each([['Sí', true], ['si', true], ['SI!', true], ['acepto', true], ['1', true], ['No', false], ['2', false], ['quizás', undefined]])(
    '"%s" → %s',
    (input, expected) => expect(recognizeYesNo(input)).toBe(expected),
  );
  it('drops accents, case, punctuation and extra spaces', () => {
    expect(normalize('  ¿Menú   PRINCIPAL? ')).toBe('menu principal');
  });
});
