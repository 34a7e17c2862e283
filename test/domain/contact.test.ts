import { describe, expect, it } from 'vitest';
import { checkAddress, checkEmail, isEmail } from '../../src/domain/contact';

describe('e-mail', () => {
  it.each([
    ['maria.perez@gmail.com', 'maria.perez@gmail.com'],
    ['  Maria.Perez@Gmail.COM ', 'Maria.Perez@gmail.com'],
    ['ana+eps@correo.com.co', 'ana+eps@correo.com.co'],
  ])('%j is accepted as %s', (input, email) => {
    expect(checkEmail(input)).toEqual({ ok: true, email });
  });

  it.each([
    ['', 'empty'],
    ['maria', 'invalid'],
    ['maria@', 'invalid'],
    ['@gmail.com', 'invalid'],
    ['maria perez@gmail.com', 'invalid'],
    ['maria@gmail', 'invalid'],
    ['maria@@gmail.com', 'invalid'],
    [`${'a'.repeat(65)}@gmail.com`, 'too_long'],
    [`a@${'b'.repeat(250)}.com`, 'too_long'],
  ])('%j is refused: %s', (input, reason) => {
    expect(checkEmail(input)).toEqual({ ok: false, reason });
    expect(isEmail(input)).toBe(false);
  });
});

describe('postal address', () => {
  it.each([
    ['Calle 45 # 12-34', 'Calle 45 # 12-34'],
    ['  Cra 7   No. 32-16, apto 301 ', 'Cra 7 No. 32-16, apto 301'],
    ['Vereda El Carmen, finca La Esperanza', 'Vereda El Carmen, finca La Esperanza'],
  ])('%j is accepted as %j', (input, address) => {
    expect(checkAddress(input)).toEqual({ ok: true, address });
  });

  it.each([
    ['', 'empty'],
    ['Cl 4', 'too_short'],
    ['x'.repeat(121), 'too_long'],
    ['Calle 1 <script>', 'invalid_characters'],
    ['Calle 1\u0000 # 2', 'invalid_characters'],
  ])('%j is refused: %s', (input, reason) => {
    expect(checkAddress(input)).toEqual({ ok: false, reason });
  });
});
