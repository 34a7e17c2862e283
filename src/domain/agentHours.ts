// When human agents attend (AGENT_HOURS): "mon-fri 07:00-19:00; sat 08:00-12:00" or "always".
// Times are Bogotá wall-clock; Colombian holidays are closed unless the schedule is "always".
// Grammar: segments separated by ";", each "<days> <ranges>": days as a list or span of mon…sun
// (lun…dom also accepted), ranges "HH:MM-HH:MM" separated by ",". End 24:00 is allowed; a range cannot
// cross midnight (write "fri 22:00-24:00; sat 00:00-06:00"). Overlaps and repeated days merge.
import { addCalendarDays, bogotaDate, bogotaInstant, bogotaParts, type IsoDate, weekdayOf } from './bogotaTime';
import { isColombianHoliday } from './businessCalendar';
import { DomainError } from './errors';
import { MONTHS_ES, WEEKDAYS_ES } from './spanishDate';

interface Range {
  start: number; // minutes since midnight, inclusive
  end: number; // exclusive, ≤ 1440
}

const DAY_CODES: Record<string, number> = {
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
  dom: 0, lun: 1, mar: 2, mie: 3, jue: 4, vie: 5, sab: 6,
};

type Week = Range[][]; // index = weekday (0 = Sunday)

/** Parses a spec into a week, collecting every problem instead of stopping at the first. */
function parseWeek(spec: string): { week: Week; problems: string[] } {
  const week: Week = Array.from({ length: 7 }, () => []);
  const problems: string[] = [];
  const segments = spec.toLowerCase().split(';').map((s) => s.trim()).filter(Boolean);
  if (segments.length === 0) problems.push('is empty: write "always" or e.g. "mon-fri 07:00-19:00"');
  for (const segment of segments) {
    const match = /^([a-z,\-\s]+?)\s+(\d.*)$/.exec(segment);
    if (!match) {
      problems.push(`"${segment}": expected "<days> HH:MM-HH:MM", e.g. "mon-fri 07:00-19:00"`);
      continue;
    }
    const days = parseDays(match[1].replace(/\s+/g, ''), segment, problems);
    const ranges = parseRanges(match[2].replace(/\s+/g, ''), segment, problems);
    for (const day of days) week[day].push(...ranges);
  }
  return { week: week.map(mergeRanges), problems };
}

function parseDays(text: string, segment: string, problems: string[]): number[] {
  const days: number[] = [];
  for (const item of text.split(',').filter(Boolean)) {
    const [from, to, extra] = item.split('-');
    const a = DAY_CODES[from];
    const b = to === undefined ? a : DAY_CODES[to];
    if (a === undefined || b === undefined || extra !== undefined) {
      problems.push(`"${segment}": unknown day "${item}" (use mon, tue, wed, thu, fri, sat, sun)`);
      continue;
    }
    // A span may wrap around the week ("fri-mon").
    for (let d = a; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === b) break;
    }
  }
  return days;
}

function parseRanges(text: string, segment: string, problems: string[]): Range[] {
  const ranges: Range[] = [];
  for (const item of text.split(',').filter(Boolean)) {
    const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(item);
    const start = match ? toMinutes(match[1], match[2]) : undefined;
    const end = match ? toMinutes(match[3], match[4]) : undefined;
    if (start === undefined || end === undefined) {
      problems.push(`"${segment}": "${item}" is not a time range HH:MM-HH:MM between 00:00 and 24:00`);
    } else if (end <= start) {
      problems.push(`"${segment}": "${item}" ends before it starts; split ranges that cross midnight in two`);
    } else {
      ranges.push({ start, end });
    }
  }
  return ranges;
}

function toMinutes(hours: string, minutes: string): number | undefined {
  const h = Number(hours);
  const m = Number(minutes);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return undefined;
  return h * 60 + m;
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

function formatMinutes(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

export class AgentHours {
  private constructor(
    readonly always: boolean,
    private readonly week: Week,
  ) {}

  /** Problems with a spec, as short English lines for the configuration error list; empty when valid. */
  static validate(spec: string): string[] {
    if (spec.trim().toLowerCase() === 'always') return [];
    const { week, problems } = parseWeek(spec);
    if (problems.length === 0 && week.every((d) => d.length === 0)) problems.push('opens no day at all');
    return problems;
  }

  /** @throws DomainError('invalid_agent_hours') listing every problem. */
  static parse(spec: string): AgentHours {
    const problems = AgentHours.validate(spec);
    if (problems.length > 0) throw new DomainError('invalid_agent_hours', `AGENT_HOURS ${problems.join('; ')}`);
    if (spec.trim().toLowerCase() === 'always') return new AgentHours(true, []);
    return new AgentHours(false, parseWeek(spec).week);
  }

  isOpen(at: Date): boolean {
    if (this.always) return true;
    const date = bogotaDate(at);
    if (isColombianHoliday(date)) return false;
    const { minuteOfDay } = bogotaParts(at);
    return this.rangesOn(date).some((r) => minuteOfDay >= r.start && minuteOfDay < r.end);
  }

  /** `at` itself when open; otherwise the start of the next open range (holidays skipped). */
  nextOpening(at: Date): Date {
    if (this.isOpen(at)) return at;
    const today = bogotaDate(at);
    const nowMinute = bogotaParts(at).minuteOfDay;
    // 400 days covers any schedule with at least one open day, whatever the holidays.
    for (let i = 0; i < 400; i++) {
      const date = addCalendarDays(today, i);
      if (isColombianHoliday(date)) continue;
      const range = this.rangesOn(date).find((r) => i > 0 || r.start > nowMinute);
      if (range) return bogotaInstant(date, Math.floor(range.start / 60), range.start % 60);
    }
    throw new DomainError('agent_hours_never_open'); // unreachable: parse() refuses a week with no open day
  }

  /** "lunes a viernes de 7:00 a 19:00; sábado de 8:00 a 12:00" — for the user, in Spanish. */
  describe(): string {
    if (this.always) return 'todos los días, a toda hora';
    const groups: { days: number[]; text: string }[] = [];
    for (const day of [1, 2, 3, 4, 5, 6, 0]) {
      const ranges = this.week[day];
      if (ranges.length === 0) continue;
      const text = ranges.map((r) => `de ${formatMinutes(r.start)} a ${formatMinutes(r.end)}`).join(' y ');
      const last = groups[groups.length - 1];
      if (last && last.text === text && (last.days[last.days.length - 1] + 1) % 7 === day) last.days.push(day);
      else groups.push({ days: [day], text });
    }
    return groups
      .map(({ days, text }) => {
        const first = WEEKDAYS_ES[days[0]];
        const span = days.length === 1 ? first : `${first} a ${WEEKDAYS_ES[days[days.length - 1]]}`;
        return `${span} ${text}`;
      })
      .join('; ')
      .concat(' (excepto festivos)');
  }

  private rangesOn(date: IsoDate): Range[] {
    return this.week[weekdayOf(date)];
  }
}

/**
 * When the next opening is, relative to now, for "te atenderemos …": "hoy a las 14:00", "mañana a las 7:00",
 * "el lunes a las 7:00" (within a week), or "el martes 7 de abril a las 7:00".
 */
export function describeOpening(opening: Date, now: Date): string {
  const time = formatMinutes(bogotaParts(opening).minuteOfDay);
  const day = bogotaDate(opening);
  const today = bogotaDate(now);
  if (day === today) return `hoy a las ${time}`;
  if (day === addCalendarDays(today, 1)) return `mañana a las ${time}`;
  const weekday = WEEKDAYS_ES[weekdayOf(day)];
  for (let i = 2; i < 7; i++) if (day === addCalendarDays(today, i)) return `el ${weekday} a las ${time}`;
  const { day: dayOfMonth, month } = bogotaParts(opening);
  return `el ${weekday} ${dayOfMonth} de ${MONTHS_ES[month - 1]} a las ${time}`;
}
