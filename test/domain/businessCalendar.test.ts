import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessDaysToDate,
  businessDaysBetween,
  holidayName,
  holidaysOfYear,
  isBusinessDay,
  isColombianHoliday,
  nextBusinessDay,
  receptionDate,
} from '../../src/domain/businessCalendar';
import { addCalendarDays } from '../../src/domain/bogotaTime';

// The 18 days off of 2026 under Ley 51 de 1983 (Emiliani law: most move to the next Monday), worked out by hand.
const HOLIDAYS_2026: [string, string][] = [
  ['2026-01-01', 'Año Nuevo (Thursday)'],
  ['2026-01-12', 'Reyes Magos: Jan 6 (Tue) → Monday'],
  ['2026-03-23', 'San José: Mar 19 (Thu) → Monday'],
  ['2026-04-02', 'Jueves Santo (Easter is Apr 5)'],
  ['2026-04-03', 'Viernes Santo'],
  ['2026-05-01', 'Día del Trabajo (Friday)'],
  ['2026-05-18', 'Ascensión: Easter + 39 = May 14 → Monday'],
  ['2026-06-08', 'Corpus Christi: Easter + 60 = Jun 4 → Monday'],
  ['2026-06-15', 'Sagrado Corazón: Easter + 68 = Jun 12 → Monday'],
  ['2026-06-29', 'San Pedro y San Pablo (already Monday)'],
  ['2026-07-20', 'Independencia (Monday)'],
  ['2026-08-07', 'Batalla de Boyacá (Friday)'],
  ['2026-08-17', 'Asunción: Aug 15 (Sat) → Monday'],
  ['2026-10-12', 'Día de la Raza (Monday)'],
  ['2026-11-02', 'Todos los Santos: Nov 1 (Sun) → Monday'],
  ['2026-11-16', 'Independencia de Cartagena: Nov 11 (Wed) → Monday'],
  ['2026-12-08', 'Inmaculada Concepción (Tuesday)'],
  ['2026-12-25', 'Navidad (Friday)'],
];

describe('Colombian holidays 2026', () => {
  it.each(HOLIDAYS_2026)('%s is a holiday and not a business day (%s)', (date) => {
    expect(isColombianHoliday(date)).toBe(true);
    expect(isBusinessDay(date)).toBe(false);
    expect(holidayName(date)).toBeTruthy();
  });

  it('the library lists exactly these 18 days for 2026', () => {
    expect(holidaysOfYear(2026).map((h) => h.date)).toEqual(HOLIDAYS_2026.map(([d]) => d));
  });

  it.each([
    ['2026-01-06', 'the original Epiphany date is worked (moved to Monday)'],
    ['2026-03-19', 'San José original date'],
    ['2026-11-11', 'Cartagena original date'],
    ['2026-04-01', 'Holy Wednesday'],
    ['2026-12-24', 'Christmas Eve'],
    ['2026-12-31', 'New Year’s Eve'],
  ])('%s is an ordinary business day (%s)', (date) => {
    expect(isColombianHoliday(date)).toBe(false);
    expect(isBusinessDay(date)).toBe(true);
  });

  it('counts 243 business days in 2026: 261 weekdays minus the 18 holidays, all on weekdays', () => {
    // 2026 has 261 Monday–Friday days; every observed holiday of 2026 falls Monday–Friday.
    expect(businessDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 18);
  });

  it('uses the Bogotá date of an instant, not the UTC one', () => {
    // 2026-01-12 is a holiday. 2026-01-13T03:00Z is still Monday the 12th, 22:00, in Bogotá.
    expect(isBusinessDay(new Date('2026-01-13T03:00:00Z'))).toBe(false);
    // 2026-01-12T02:00Z is Sunday the 11th, 21:00, in Bogotá.
    expect(isBusinessDay(new Date('2026-01-12T02:00:00Z'))).toBe(false);
    // 2026-01-14T03:00Z is Tuesday the 13th, 22:00, in Bogotá: a business day.
    expect(isBusinessDay(new Date('2026-01-14T03:00:00Z'))).toBe(true);
  });

  it('weekends are never business days', () => {
    expect(isBusinessDay('2026-12-05')).toBe(false); // Saturday
    expect(isBusinessDay('2026-12-06')).toBe(false); // Sunday
  });
});

describe('reception date (17:00 cut-off, next business day otherwise)', () => {
  it.each([
    ['2026-12-04T14:00:00Z', '2026-12-04', 'Friday 09:00 → same day'],
    ['2026-12-04T21:59:00Z', '2026-12-04', 'Friday 16:59 → same day'],
    ['2026-12-04T22:00:00Z', '2026-12-07', 'Friday 17:00 → Monday'],
    ['2026-12-05T03:00:00Z', '2026-12-07', 'Friday 22:00 (Saturday in UTC) → Monday'],
    ['2026-12-05T15:00:00Z', '2026-12-07', 'Saturday → Monday'],
    ['2026-12-08T15:00:00Z', '2026-12-09', 'holiday (Tuesday) → Wednesday'],
    ['2026-12-07T23:00:00Z', '2026-12-09', 'Monday 18:00 before a Tuesday holiday → Wednesday'],
    ['2026-04-01T23:00:00Z', '2026-04-06', 'Holy Wednesday evening → Monday after Easter'],
  ])('%s → %s (%s)', (filedAt, expected) => {
    expect(receptionDate(new Date(filedAt))).toBe(expected);
  });
});

describe('adding business days', () => {
  it.each([
    // [filed at (UTC), n, due date, why]
    ['2026-12-04T14:00:00Z', 5, '2026-12-14', 'Friday morning: Mon 7, (Tue 8 holiday), Wed 9 … Mon 14'],
    ['2026-12-04T23:00:00Z', 5, '2026-12-15', 'Friday 18:00 counts from Monday 7'],
    ['2026-03-27T15:00:00Z', 5, '2026-04-07', 'Friday before Holy Week: Mon 30, Tue 31, Wed 1, (Thu 2, Fri 3), Mon 6, Tue 7'],
    ['2026-12-18T15:00:00Z', 5, '2026-12-28', 'around Christmas: 21, 22, 23, 24, (25), 28'],
    ['2026-12-30T15:00:00Z', 2, '2027-01-04', 'across the year: 31, (Jan 1), Jan 4'],
    ['2026-01-05T15:00:00Z', 15, '2026-01-27', 'Monday Jan 5: 15 business days with the Jan 12 holiday'],
    ['2026-12-07T15:00:00Z', 0, '2026-12-07', 'zero days: the reception day'],
  ])('filed %s, +%i business days → %s (%s)', (filedAt, n, expected) => {
    expect(addBusinessDays(new Date(filedAt), n)).toBe(expected);
  });

  it('adds on calendar dates too, forward and back', () => {
    expect(addBusinessDaysToDate('2026-05-15', 1)).toBe('2026-05-19'); // Friday → (Mon 18 holiday) → Tuesday
    expect(addBusinessDaysToDate('2026-05-19', -1)).toBe('2026-05-15');
    expect(addBusinessDaysToDate('2026-05-16', 0)).toBe('2026-05-16');
    expect(() => addBusinessDaysToDate('2026-05-16', 1.5)).toThrow(RangeError);
  });

  it('nextBusinessDay skips weekends and holidays', () => {
    expect(nextBusinessDay('2026-06-05')).toBe('2026-06-09'); // Fri → (Mon 8 Corpus) → Tue
    expect(nextBusinessDay('2026-12-24')).toBe('2026-12-28');
  });
});

describe('businessDaysBetween', () => {
  it.each([
    ['2026-12-04', '2026-12-14', 5],
    ['2026-12-14', '2026-12-04', -5],
    ['2026-12-05', '2026-12-06', 0], // a weekend
    ['2026-12-04', '2026-12-04', 0],
    ['2026-03-27', '2026-04-07', 5],
  ])('from %s to %s is %i', (from, to, n) => {
    expect(businessDaysBetween(from, to)).toBe(n);
  });

  it('inverts addBusinessDaysToDate for every start day of a month', () => {
    for (let i = 0; i < 31; i++) {
      const start = addCalendarDays('2026-03-15', i);
      for (const n of [0, 1, 5, 15]) expect(businessDaysBetween(start, addBusinessDaysToDate(start, n))).toBe(n);
    }
  });
});
