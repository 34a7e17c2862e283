// DIVIPOLA matching for what people type as their department or municipality: accents, case, punctuation,
// common abbreviations ("sta marta", "pto colombia") and small typos ("barranquila") are forgiven.
// Ranking: an exact name (or known alias) wins outright — every exact match is returned, since names like
// "Villanueva" exist in several departments; otherwise word prefixes, then typos (Damerau–Levenshtein
// ≤ 1 for 4–7 letters, ≤ 2 from 8), then names containing every typed word. At most 5 candidates.
// "Villanueva, Casanare" or "villanueva casanare" narrows to the named department.
// The index is built once, on first use (about 1,200 names); a warm lookup takes 1–3 ms.
import { editDistance } from './editDistance';
import type { Department, Municipality } from './model/place';
import { readReferenceText } from './referenceData';
import { foldText } from './text';

export interface DivipolaData {
  departments: { code: string; name: string; municipalities: { code: string; name: string }[] }[];
}

export interface MunicipalityWithDepartment extends Municipality {
  departmentName: string;
}

export interface PlaceSearch<T> {
  /** Best first, at most MAX_CANDIDATES. */
  matches: T[];
  /** How many matched before the cut (tell the user to add the department when it is larger). */
  total: number;
  /** True when the matches are exact names or aliases, not guesses. */
  exact: boolean;
}

export const MAX_CANDIDATES = 5;

const ABBREVIATIONS: Record<string, string> = {
  sta: 'santa', sto: 'santo', sn: 'san', pto: 'puerto', gral: 'general', cdad: 'ciudad', vta: 'vista', ntra: 'nuestra',
  sra: 'senora', nte: 'norte',
};
// Words that introduce a place in what people type and are no part of its name ("en el municipio de …").
// Applied to queries only: names such as "La Paz" or "Ciudad Bolívar" keep their first word.
const QUERY_NOISE = /^(?:(?:el|la)\s+)?(?:(?:municipio|departamento|dpto|depto|mpio)(?:\s+(?:de|del))?|ciudad\s+de)\s+/;

/** Folds, expands abbreviations and drops "D.C.": the form names and queries are compared in. */
export function placeKey(text: string): string {
  return foldText(text)
    .replace(/\bd c\b|\bdc\b/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');
}

function queryKey(text: string): string {
  return placeKey(text).replace(/^en\s+/, '').replace(QUERY_NOISE, '').trim();
}

const DEPARTMENT_ALIASES: Record<string, string[]> = {
  '11': ['bogota', 'distrito capital', 'santa fe de bogota'],
  '44': ['guajira'],
  '76': ['valle'],
  '54': ['norte santander'],
  '88': ['san andres', 'san andres y providencia', 'san andres providencia y santa catalina', 'archipielago de san andres'],
};
const MUNICIPALITY_ALIASES: Record<string, string[]> = {
  '11001': ['bogota', 'santa fe de bogota', 'santafe de bogota', 'distrito capital'],
  '13001': ['cartagena de indias'],
  '54001': ['san jose de cucuta'],
  '76001': ['santiago de cali'],
  '13468': ['mompox', 'santa cruz de mompox'],
  '70820': ['tolu'],
  '25843': ['villa de san diego de ubate'],
  '05042': ['santa fe de antioquia'],
};

interface Entry<T> {
  place: T;
  keys: Key[];
}

/** A name in compared form, with its words split once at index time. */
interface Key {
  text: string;
  words: string[];
}

function toKey(text: string): Key {
  return { text, words: text.split(' ') };
}

const collator = new Intl.Collator('es');

interface Scored<T> {
  place: T;
  score: number;
}

function typoAllowance(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/** Lower is better; undefined means no match. 0 = exact name or alias. */
function scoreKey(query: string, typed: string[], { text: key, words }: Key): number | undefined {
  if (query === key) return 0;
  if (query.length >= 3 && key.startsWith(`${query} `)) return 1;
  if (query.length >= 5 && key.startsWith(query)) return 1.5; // "villavicen"

  const allowed = typoAllowance(query.length);
  const distance = editDistance(query, key, allowed);
  if (distance <= allowed) return 1 + distance;
  // Every typed word (3+ letters) is a word of the name, allowing one typo in words of 5+ letters.
  if (typed.length > 0 && typed.every((t) => words.some((w) => t === w || (t.length >= 5 && editDistance(t, w, 1) <= 1)))) {
    return 4 + (words.length - typed.length) * 0.01;
  }
  return undefined;
}

function search<T>(entries: Entry<T>[], query: string, name: (p: T) => string): PlaceSearch<T> {
  if (!query) return { matches: [], total: 0, exact: false };
  const scored: Scored<T>[] = [];
  const typed = query.split(' ').filter((w) => w.length >= 3);
  for (const entry of entries) {
    let best: number | undefined;
    for (const key of entry.keys) {
      const s = scoreKey(query, typed, key);
      if (s !== undefined && (best === undefined || s < best)) best = s;
    }
    if (best !== undefined) scored.push({ place: entry.place, score: best });
  }
  const exact = scored.filter((s) => s.score === 0);
  const pool = exact.length > 0 ? exact : scored;
  pool.sort((a, b) => a.score - b.score || collator.compare(name(a.place), name(b.place)));
  return { matches: pool.slice(0, MAX_CANDIDATES).map((s) => s.place), total: pool.length, exact: exact.length > 0 };
}

export class PlaceIndex {
  private readonly departments: Entry<Department>[];
  private readonly municipalities: Entry<MunicipalityWithDepartment>[];
  private readonly byCode = new Map<string, MunicipalityWithDepartment>();

  constructor(data: DivipolaData) {
    this.departments = data.departments.map((d) => ({
      place: { code: d.code, name: d.name },
      keys: [placeKey(d.name), ...(DEPARTMENT_ALIASES[d.code] ?? [])].map(toKey),
    }));
    this.municipalities = data.departments.flatMap((d) =>
      d.municipalities.map((m) => {
        const place = { code: m.code, name: m.name, departmentCode: d.code, departmentName: d.name };
        this.byCode.set(m.code, place);
        return { place, keys: [placeKey(m.name), ...(MUNICIPALITY_ALIASES[m.code] ?? [])].map(toKey) };
      }),
    );
  }

  listDepartments(): Department[] {
    return this.departments.map((e) => e.place);
  }

  getDepartment(code: string): Department | undefined {
    return this.departments.find((e) => e.place.code === code)?.place;
  }

  getMunicipality(code: string): MunicipalityWithDepartment | undefined {
    return this.byCode.get(code);
  }

  findDepartments(text: string): PlaceSearch<Department> {
    return search(this.departments, queryKey(text), (d) => d.name);
  }

  findMunicipalities(text: string, departmentCode?: string): PlaceSearch<MunicipalityWithDepartment> {
    const inDepartment = (code: string | undefined) =>
      code ? this.municipalities.filter((e) => e.place.departmentCode === code) : this.municipalities;
    const whole = search(inDepartment(departmentCode), queryKey(text), (m) => m.name);
    if (whole.exact || departmentCode) return whole;
    // "Villanueva, Casanare" / "villanueva casanare": a trailing department narrows the search.
    const split = this.splitDepartment(text);
    if (split) {
      const narrowed = search(inDepartment(split.departmentCode), split.rest, (m) => m.name);
      if (narrowed.total > 0) return narrowed;
    }
    return whole;
  }

  private splitDepartment(text: string): { rest: string; departmentCode: string } | undefined {
    const separated = /^(.+?)\s*[,(\-/]\s*([^,()\-/]+?)\)?\s*$/.exec(text);
    const tries: [string, string][] = [];
    if (separated) tries.push([queryKey(separated[1]), queryKey(separated[2])]);
    const words = queryKey(text).split(' ');
    for (let tail = 1; tail <= Math.min(4, words.length - 1); tail++) {
      tries.push([words.slice(0, -tail).join(' '), words.slice(-tail).join(' ')]);
    }
    for (const [rest, department] of tries) {
      const found = search(this.departments, queryKey(department), (d) => d.name);
      if (rest && found.exact && found.matches.length === 1) return { rest, departmentCode: found.matches[0].code };
    }
    return undefined;
  }
}

let defaultIndex: PlaceIndex | undefined;

/** The index over data/divipola.json, built on first use. */
export function placeIndex(): PlaceIndex {
  defaultIndex ??= new PlaceIndex(JSON.parse(readReferenceText('divipola.json')) as DivipolaData);
  return defaultIndex;
}

export function findDepartments(text: string): PlaceSearch<Department> {
  return placeIndex().findDepartments(text);
}

export function findMunicipalities(text: string, departmentCode?: string): PlaceSearch<MunicipalityWithDepartment> {
  return placeIndex().findMunicipalities(text, departmentCode);
}

export function getMunicipality(code: string): MunicipalityWithDepartment | undefined {
  return placeIndex().getMunicipality(code);
}

export function getDepartment(code: string): Department | undefined {
  return placeIndex().getDepartment(code);
}
