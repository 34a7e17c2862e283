// Colombian business days ("días hábiles") in Bogotá time: Monday to Friday except the national holidays of
// Ley 51 de 1983 (moved to Monday where the law says so), as computed by colombian-holidays.
// Saturdays are not business days: public terms (Ley 1755 de 2015, CPACA) count Monday to Friday.
//
// Filing rule, kept simple and stated once: a filing made on a business day before 17:00 Bogotá time is
// received that day; one made at or after 17:00, or on a Saturday, Sunday or holiday, is received on the
// next business day. Terms start the day after reception: "+5 business days" from a Monday 10:00 filing is
// the next Monday (reception day = day 0).
import { getHolidaysForYear, isHoliday } from 'colombian-holidays';
import { addCalendarDays, bogotaDate, bogotaParts, calendarDaysBetween, type IsoDate, weekdayOf } from './bogotaTime';

export const FILING_CUTOFF_HOUR = 17;

export type DateInput = Date | IsoDate;

function toIsoDate(value: DateInput): IsoDate {
  return typeof value === 'string' ? value : bogotaDate(value);
}

/** True on a national holiday. The library compares UTC date parts, so it gets UTC midnight of the Bogotá date. */
export function isColombianHoliday(day: DateInput): boolean {
  return isHoliday(new Date(`${toIsoDate(day)}T00:00:00Z`));
}

/** The holiday's Spanish name ("Viernes Santo"), or undefined on an ordinary day. */
export function holidayName(day: DateInput): string | undefined {
  const iso = toIsoDate(day);
  return getHolidaysForYear(Number(iso.slice(0, 4))).find((h) => h.celebrationDate === iso)?.name.es;
}

/** The days off of a year, as observed (celebration dates), in order. */
export function holidaysOfYear(year: number): { date: IsoDate; name: string }[] {
  return getHolidaysForYear(year)
    .map((h) => ({ date: h.celebrationDate, name: h.name.es }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** A Bogotá calendar date (or the Bogotá date of an instant) that is Monday–Friday and not a holiday. */
export function isBusinessDay(day: DateInput): boolean {
  const iso = toIsoDate(day);
  const weekday = weekdayOf(iso);
  return weekday !== 0 && weekday !== 6 && !isColombianHoliday(iso);
}

/** The first business day strictly after `day`. */
export function nextBusinessDay(day: DateInput): IsoDate {
  let iso = addCalendarDays(toIsoDate(day), 1);
  while (!isBusinessDay(iso)) iso = addCalendarDays(iso, 1);
  return iso;
}

/** The business day a filing at `filedAt` counts as received (see the rule at the top of this file). */
export function receptionDate(filedAt: Date, cutoffHour = FILING_CUTOFF_HOUR): IsoDate {
  const today = bogotaDate(filedAt);
  if (isBusinessDay(today) && bogotaParts(filedAt).hour < cutoffHour) return today;
  return nextBusinessDay(today);
}

/** Steps `n` business days from a calendar date (n = 0 returns it unchanged; negative steps go back). */
export function addBusinessDaysToDate(day: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError('business days must be a whole number');
  const step = n >= 0 ? 1 : -1;
  let iso = day;
  for (let left = Math.abs(n); left > 0; ) {
    iso = addCalendarDays(iso, step);
    if (isBusinessDay(iso)) left--;
  }
  return iso;
}

/** The date `n` business days after the reception of a filing made at `filedAt`. */
export function addBusinessDays(filedAt: Date, n: number, cutoffHour = FILING_CUTOFF_HOUR): IsoDate {
  return addBusinessDaysToDate(receptionDate(filedAt, cutoffHour), n);
}

/**
 * Business days d with from < d ≤ to (Bogotá dates); negative when `to` is before `from`.
 * So businessDaysBetween(x, addBusinessDaysToDate(x, n)) === n.
 */
export function businessDaysBetween(from: DateInput, to: DateInput): number {
  const a = toIsoDate(from);
  const b = toIsoDate(to);
  const span = calendarDaysBetween(a, b);
  const [start, days, sign] = span >= 0 ? [a, span, 1] : [b, -span, -1];
  let count = 0;
  for (let i = 1; i <= days; i++) if (isBusinessDay(addCalendarDays(start, i))) count++;
  return sign * count;
}
