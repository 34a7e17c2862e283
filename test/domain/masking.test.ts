import { describe, expect, it } from 'vitest';
import { maskEmail, maskKeepingEnds, maskName } from '../../src/domain/masking';

describe('masking personal data for agents and messages', () => {
  it.each([
    ['María Fernanda Pérez Gómez', 'María F. P. G.'],
    ['Santiago Ruiz Pérez', 'Santiago R. P.'],
    ['José Luis de la Hoz', 'José L. H.'],
    ['  Ana   ', 'Ana'],
    ['', ''],
    ['Ángela Ñáñez', 'Ángela Ñ.'],
  ])('maskName(%j) is %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['maria.perez@gmail.com', 'm*********z@gmail.com'],
    ['ab@x.co', '**@x.co'],
    ['not-an-email', '************'],
  ])('maskEmail(%j) is %j', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('keeps the length and never reveals a short value whole', () => {
    expect(maskKeepingEnds('3001112233', 3, 3)).toBe('300****233');
    expect(maskKeepingEnds('1234', 2, 2)).toBe('***4');
    expect(maskKeepingEnds('1', 0, 4)).toBe('*');
  });
});
