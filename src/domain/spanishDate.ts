// Dates as Colombians type and read them. Day-month-year order (14/03/2008), ISO (2008-03-14) and words
// ("14 de marzo de 2008", "14 marzo 2008", "marzo 14 de 2008", "1º de marzo del 2008"), ignoring accents,
// case and a leading weekday. Problems come back as codes the dialog turns into a retry message.
import { bogotaDate, isIsoDate, type IsoDate, weekdayOf } from './bogotaTime';
import { foldText } from './text';

export const MONTHS_ES = [
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
] as const;
export const WEEKDAYS_ES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'] as const;

const MONTH_WORDS: Record<string, number> = {
  ene: 1, feb: 2, mar: 3, abr: 4, may: 5, jun: 6, jul: 7, ago: 8, sep: 9, sept: 9, set: 9, setiembre: 9, oct: 10, nov: 11, dic: 12,
  ...Object.fromEntries(MONTHS_ES.map((m, i) => [m, i + 1])),
};
const FILLER = new Set(['de', 'del', 'el', 'dia', 'y', ...WEEKDAYS_ES.map((w) => foldText(w))]);

export type DateProblem =
  | 'empty'
  | 'unrecognized' // no date shape we know
  | 'missing_year' // "14 de marzo"
  | 'two_digit_year' // "14/03/08": ambiguous century, ask for four digits
  | 'invalid_date' // 31/02/2008, month 13
  | 'future' // after today (Bogotá) when the future is not allowed
  | 'too_old'; // before minYear (1900 by default)

export type ParsedDate = { ok: true; date: IsoDate } | { ok: false; reason: DateProblem };

export interface ParseDateOptions {
  /** Today, from the injected clock. */
  now: Date;
  minYear?: number;
  allowFuture?: boolean;
}

type Ymd = [year: string, month: number, day: string];

/** Reads the pieces in the order the user wrote them; undefined when the shape is unknown. */
function readPieces(tokens: string[]): Ymd | 'missing_year' | undefined {
  const kinds = tokens.map((t) => (/^\d+$/.test(t) ? 'n' : MONTH_WORDS[t] !== undefined ? 'm' : '?')).join('');
  const [a, b, c] = tokens;
  switch (kinds) {
    case 'nnn': // 2008 03 14 or 14 03 2008
      return a.length === 4 ? [a, Number(b), c] : [c, Number(b), a];
    case 'nmn': // 14 marzo 2008
      return [c, MONTH_WORDS[b], a];
    case 'mnn': // marzo 14 2008
      return [c, MONTH_WORDS[a], b];
    case 'nm':
    case 'mn':
      return 'missing_year';
    case 'n': // 14032008 or 20080314
      if (a.length !== 8) return undefined;
      if (/^(19|20)\d{2}(0[1-9]|1[0-2])\d{2}$/.test(a)) return [a.slice(0, 4), Number(a.slice(4, 6)), a.slice(6)];
      return [a.slice(4), Number(a.slice(2, 4)), a.slice(0, 2)];
    default:
      return undefined;
  }
}

export function parseSpanishDate(input: string, options: ParseDateOptions): ParsedDate {
  const folded = foldText(input);
  if (!folded) return { ok: false, reason: 'empty' };
  const tokens = folded
    .split(' ')
    .map((t) => t.replace(/^(\d{1,2})(ro|o|er)$/, '$1')) // 1ro, 1o (from 1º), 1er
    .filter((t) => !FILLER.has(t));
  const pieces = readPieces(tokens);
  if (pieces === undefined) return { ok: false, reason: 'unrecognized' };
  if (pieces === 'missing_year') return { ok: false, reason: 'missing_year' };
  const [year, month, day] = pieces;
  if (year.length === 2) return { ok: false, reason: 'two_digit_year' };
  if (year.length !== 4 || day.length > 2) return { ok: false, reason: 'unrecognized' };
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { ok: false, reason: 'invalid_date' };
  if (Number(year) < (options.minYear ?? 1900)) return { ok: false, reason: 'too_old' };
  if (!options.allowFuture && iso > bogotaDate(options.now)) return { ok: false, reason: 'future' };
  return { ok: true, date: iso };
}

function toIso(date: IsoDate | Date): IsoDate {
  return typeof date === 'string' ? date : bogotaDate(date);
}

/** "2026-12-04" → "viernes 4 de diciembre de 2026" (a Date is read in Bogotá time). */
export function formatSpanishDate(date: IsoDate | Date): string {
  const iso = toIso(date);
  const [y, m, d] = iso.split('-').map(Number);
  return `${WEEKDAYS_ES[weekdayOf(iso)]} ${d} de ${MONTHS_ES[m - 1]} de ${y}`;
}

/** "2026-12-04" → "04/12/2026", for compact lists. */
export function formatNumericDate(date: IsoDate | Date): string {
  const [y, m, d] = toIso(date).split('-');
  return `${d}/${m}/${y}`;
}
