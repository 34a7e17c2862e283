// Bogotá wall-clock time without a time-zone database: America/Bogota is UTC−5 all year (no DST since 1993),
// so a fixed offset is exact for every date this application handles. Calendar dates are ISO strings
// ("2026-12-04"): a due date is a day on the calendar, not an instant.
/** An ISO calendar date, YYYY-MM-DD (src/domain/model/dates.ts re-exports this type). */
export type IsoDate = string;

export const BOGOTA_OFFSET_MINUTES = -5 * 60;
const OFFSET_MS = BOGOTA_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

export interface BogotaParts {
  year: number;
  month: number; // 1–12
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  minute: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

export function bogotaParts(at: Date): BogotaParts {
  const local = new Date(at.getTime() + OFFSET_MS);
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    hour,
    minute,
    minuteOfDay: hour * 60 + minute,
  };
}

/** The Bogotá calendar date of an instant: 2026-12-05T03:00Z is still "2026-12-04" in Bogotá. */
export function bogotaDate(at: Date): IsoDate {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a Bogotá wall-clock time on a calendar date. */
export function bogotaInstant(date: IsoDate, hour = 0, minute = 0): Date {
  return new Date(isoDateToUtcMidnight(date) + (hour * 60 + minute) * 60_000 - OFFSET_MS);
}

/** Last millisecond of a Bogotá calendar day: "due on the 4th" means until the 4th ends. */
export function endOfBogotaDay(date: IsoDate): Date {
  return new Date(bogotaInstant(addCalendarDays(date, 1)).getTime() - 1);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return new Date(isoDateToUtcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(isoDateToUtcMidnight(date)).getUTCDay();
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((isoDateToUtcMidnight(b) - isoDateToUtcMidnight(a)) / DAY_MS);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

function isoDateToUtcMidnight(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}
