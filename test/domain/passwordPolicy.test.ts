import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  generateTemporaryPassword,
  isCommonPassword,
  TEMPORARY_PASSWORD_ALPHABET,
} from '../../src/domain/passwordPolicy';
import { readReferenceText } from '../../src/domain/referenceData';

describe('checkPassword', () => {
  it.each([
    'Cajacopi#2026', // Ana Milena's demo password (README.md, "Demo data")
    'mi perro se llama Toby',
    'xK9#mQ2!',
    'ñandú-verde-73',
    'a'.repeat(7) + 'b', // long enough, not one repeated character
    'x'.repeat(127) + 'y', // 128: the maximum, kept whole
    '🌵🌵🌵🌵🌵🌵🌵🐍',
  ])('accepts %j', (password) => {
    expect(checkPassword(password, { documentNumber: '1045678901' })).toEqual({ ok: true });
  });

  it.each([
    ['', ['too_short']],
    ['abc123', ['too_short']],
    ['1234567', ['too_short']],
    ['12345678', ['common']],
    ['colombia123', ['common']],
    ['Colombia123', ['common']], // case does not matter
    ['contraseña', ['common']],
    ['CONTRASEÑA', ['common']],
    ['contrasena', ['common']],
    ['Barranquilla2026', ['common']],
    ['qwertyuiop', ['common']],
    ['1q2w3e4r', ['common']],
    ['iloveyou', ['common']],
    ['zzzzzzzzzzzzzzz', ['repeated_character']],
    ['x'.repeat(129), ['too_long', 'repeated_character']],
    ['Clave1045678901', ['contains_document']],
    ['1.045.678.901ab', ['contains_document']],
    ['1045678901', ['contains_document']],
  ] as [string, string[]][])('refuses %j: %j', (password, reasons) => {
    expect(checkPassword(password, { documentNumber: '1045678901' })).toEqual({ ok: false, reasons });
  });

  it('counts characters, not UTF-16 units: 7 emoji are too short', () => {
    expect(checkPassword('🌵🌵🌵🌵🌵🌵🐍')).toEqual({ ok: false, reasons: ['too_short'] });
  });

  it('does not check the document when none is given', () => {
    expect(checkPassword('Clave1045678901')).toEqual({ ok: true });
  });

  it('the blocklist holds about a thousand or more entries of 8+ characters and not the demo password', () => {
    const entries = readReferenceText('commonPasswords.txt').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(entries.length).toBeGreaterThanOrEqual(1000);
    expect(entries.every((e) => [...e].length >= 8)).toBe(true);
    expect(isCommonPassword('Cajacopi#2026')).toBe(false);
    expect(isCommonPassword('cajacopi2026')).toBe(true);
  });
});

describe('generateTemporaryPassword', () => {
  it('makes 10 characters of the unambiguous alphabet, mixed, meeting the policy, different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword({ documentNumber: '1045678901' });
      expect(password).toHaveLength(10);
      expect([...password].every((c) => TEMPORARY_PASSWORD_ALPHABET.includes(c))).toBe(true);
      expect(password).not.toMatch(/[0O1lI]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[2-9]/);
      expect(checkPassword(password, { documentNumber: '1045678901' })).toEqual({ ok: true });
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });

  it('draws again when a draw does not meet the policy', () => {
    // A fake random source: first a draw of a single repeated letter ("AAAAAAAAAA"), then a good one.
    const draws = [...Array(10).fill(0), ...[0, 24, 49, 1, 25, 50, 2, 26, 51, 3]];
    let i = 0;
    const password = generateTemporaryPassword({}, () => draws[i++]);
    expect(password).toBe('Aa2Bb3Cc4D');
    expect(i).toBe(20);
  });
});
