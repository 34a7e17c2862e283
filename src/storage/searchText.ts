// Search columns hold lower-case text without accents, so "resonancia", "RESONANCIA" and "resonáncia"
// match the same rows on SQLite (whose LIKE only folds ASCII case) and PostgreSQL alike.
export function searchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
