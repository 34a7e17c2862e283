import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  bogotaDate,
  bogotaInstant,
  bogotaParts,
  calendarDaysBetween,
  endOfBogotaDay,
  isIsoDate,
  weekdayOf,
} from '../../src/domain/bogotaTime';

describe('bogotaTime', () => {
  it.each([
    ['2026-12-05T03:00:00Z', '2026-12-04'], // 22:00 in Bogotá, still the 4th
    ['2026-12-05T05:00:00Z', '2026-12-05'], // Bogotá midnight
    ['2026-12-05T04:59:59Z', '2026-12-04'],
    ['2026-01-01T04:00:00Z', '2025-12-31'], // New Year's Eve in Bogotá while UTC is in 2026
  ])('the Bogotá date of %s is %s', (instant, date) => {
    expect(bogotaDate(new Date(instant))).toBe(date);
  });

  it('gives Bogotá wall-clock parts', () => {
    expect(bogotaParts(new Date('2026-12-04T23:30:00Z'))).toEqual({
      year: 2026, month: 12, day: 4, weekday: 5, hour: 18, minute: 30, minuteOfDay: 18 * 60 + 30,
    });
  });

  it('builds instants from Bogotá wall-clock time and ends days at local midnight', () => {
    expect(bogotaInstant('2026-03-23', 7, 0).toISOString()).toBe('2026-03-23T12:00:00.000Z');
    expect(endOfBogotaDay('2026-12-04').toISOString()).toBe('2026-12-05T04:59:59.999Z');
  });

  it('does calendar arithmetic on ISO dates across months and leap years', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(calendarDaysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(weekdayOf('2026-12-04')).toBe(5);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['26-01-01', false],
    ['2026-1-1', false],
  ])('isIsoDate(%s) is %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });

  it('refuses to compute with something that is not a date', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });
});
