import { describe, expect, it } from 'vitest';
import { formatNumericDate, formatSpanishDate, parseSpanishDate } from '../../src/domain/spanishDate';

// Thursday 2026-03-12, 21:00 in Bogotá (already the 13th in UTC).
const now = new Date('2026-03-13T02:00:00Z');

describe('parseSpanishDate accepts the ways people type a date', () => {
  it.each([
    ['14/03/2008', '2008-03-14'],
    ['14-03-2008', '2008-03-14'],
    ['14.03.2008', '2008-03-14'],
    ['4/3/2008', '2008-03-04'],
    ['2008-03-14', '2008-03-14'],
    ['2008/3/14', '2008-03-14'],
    ['14 de marzo de 2008', '2008-03-14'],
    ['14 de Marzo del 2008', '2008-03-14'],
    ['14 marzo 2008', '2008-03-14'],
    ['marzo 14 de 2008', '2008-03-14'],
    ['Marzo 14, 2008', '2008-03-14'],
    ['  14   DE   MARZO   DE   2008 ', '2008-03-14'],
    ['viernes 14 de marzo de 2008', '2008-03-14'],
    ['1º de febrero de 1990', '1990-02-01'],
    ['1ro de febrero de 1990', '1990-02-01'],
    ['14 mar 2008', '2008-03-14'],
    ['9 sept 2010', '2010-09-09'],
    ['9 de setiembre de 2010', '2010-09-09'],
    ['22 de diciembre de 2010', '2010-12-22'],
    ['29/02/2024', '2024-02-29'],
    ['14032008', '2008-03-14'],
    ['20080314', '2008-03-14'],
    ['12/03/2026', '2026-03-12'], // today in Bogotá, though UTC is already the 13th
    ['01/01/1900', '1900-01-01'],
  ])('%s → %s', (input, iso) => {
    expect(parseSpanishDate(input, { now })).toEqual({ ok: true, date: iso });
  });
});

describe('parseSpanishDate refuses with a reason the dialog can explain', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ayer', 'unrecognized'],
    ['14 de marzo', 'missing_year'],
    ['14/03/08', 'two_digit_year'],
    ['31/02/2008', 'invalid_date'],
    ['29/02/2023', 'invalid_date'],
    ['14/13/2008', 'invalid_date'],
    ['03/14/2008', 'invalid_date'], // US order: month 14
    ['00/03/2008', 'invalid_date'],
    ['13/03/2026', 'future'], // tomorrow in Bogotá
    ['1 de enero de 2030', 'future'],
    ['31/12/1899', 'too_old'],
    ['14 de marzo de 20088', 'unrecognized'],
    ['1234', 'unrecognized'],
    ['14 de foo de 2008', 'unrecognized'],
  ])('%j → %s', (input, reason) => {
    expect(parseSpanishDate(input, { now })).toEqual({ ok: false, reason });
  });

  it('accepts the future and an earlier minimum year when asked to', () => {
    expect(parseSpanishDate('1 de enero de 2030', { now, allowFuture: true })).toEqual({ ok: true, date: '2030-01-01' });
    expect(parseSpanishDate('1/1/1950', { now, minYear: 1960 })).toEqual({ ok: false, reason: 'too_old' });
  });
});

describe('formatting', () => {
  it.each([
    ['2026-12-04', 'viernes 4 de diciembre de 2026'],
    ['2008-03-14', 'viernes 14 de marzo de 2008'],
    ['2026-01-01', 'jueves 1 de enero de 2026'],
    ['2026-09-16', 'miércoles 16 de septiembre de 2026'],
    ['2026-03-22', 'domingo 22 de marzo de 2026'],
  ])('formatSpanishDate(%s) is "%s"', (iso, text) => {
    expect(formatSpanishDate(iso)).toBe(text);
  });

  it('reads a Date in Bogotá time', () => {
    expect(formatSpanishDate(new Date('2026-12-05T03:00:00Z'))).toBe('viernes 4 de diciembre de 2026');
    expect(formatNumericDate('2026-12-04')).toBe('04/12/2026');
  });
});
