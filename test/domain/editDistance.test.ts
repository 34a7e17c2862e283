import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/domain/editDistance';

describe('editDistance (Damerau–Levenshtein, OSA)', () => {
  it.each([
    ['barranquilla', 'barranquilla', 0],
    ['barranquila', 'barranquilla', 1], // deletion
    ['barranquiilla', 'barranquilla', 1], // insertion
    ['barranqiulla', 'barranquilla', 1], // swap of neighbours counts once
    ['medellin', 'medelin', 1],
    ['meedllin', 'medellin', 1], // ed ↔ de
    ['vallledupr', 'valledupar', 2],
    ['cali', 'cota', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
  ])('%j ↔ %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('stops early past the allowed maximum and says max + 1', () => {
    expect(editDistance('bogota', 'barranquilla', 2)).toBe(3);
    expect(editDistance('ab', 'abcdef', 1)).toBe(2);
    expect(editDistance('barranquila', 'barranquilla', 1)).toBe(1);
  });
});
