import { describe, expect, it } from 'vitest';
import { containsWordsLoosely } from '../../src/domain/looseWords';

describe('containsWordsLoosely', () => {
  it.each([
    ['Resonancia magnética de rodilla', 'resonansia'],
    ['Resonancia magnética de rodilla', 'RESONÁNSIA magnetica'],
    ['Resonancia magnética de rodilla', 'reso'],
    ['Glucosa en suero', 'glucoza'],
    ['Consulta de primera vez por medicina especializada', 'consulta especialisada'],
  ])('"%s" matches "%s"', (text, query) => {
    expect(containsWordsLoosely(text, query)).toBe(true);
  });

  it.each([
    ['Resonancia magnética de rodilla', 'tomografia'],
    ['Glucosa en suero', 'sangre'],
    ['Glucosa en suero', 'tos'],
    ['Glucosa en suero', 'glucosa rodilla'],
    ['Glucosa en suero', ''],
  ])('"%s" does not match "%s"', (text, query) => {
    expect(containsWordsLoosely(text, query)).toBe(false);
  });
});
