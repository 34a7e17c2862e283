// Damerau–Levenshtein distance (optimal string alignment variant: insert, delete, substitute, swap two
// neighbours), the usual measure of typing mistakes: "barranquila" is 1 from "barranquilla", "vallledupr" 2
// from "valledupar". `max` lets callers stop early: any result above it is returned as max + 1.
// Three rolling rows in typed arrays: place lookups call this ~1,000 times per query.
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  let prevPrev = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let row = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = prev[j - 1] + (ca === cb ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (row[j - 1] + 1 < d) d = row[j - 1] + 1;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && prevPrev[j - 2] + 1 < d) {
        d = prevPrev[j - 2] + 1;
      }
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[n], max + 1);
}
