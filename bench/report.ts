// What every bench section shares: one report (rows of timings, named ratios, extra figures) that
// run.ts prints as a table and writes to bench/report.json, and the helpers to time things.
import { performance } from 'node:perf_hooks';

export interface Row {
  name: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms?: number;
  per_second: number;
  rss_mb?: number;
  note?: string;
}

export interface BenchReport {
  rows: Row[];
  ratios: Record<string, number>;
  /** Figures that are not timings (RSS after a load, counts), by name. */
  figures: Record<string, number>;
  /** Target checks: name → {value, target, met}. */
  targets: Record<string, { value: number; target: string; met: boolean }>;
  /** What limits a figure, said in a sentence (printed after the targets). */
  notes: string[];
}

/** One part of `npm run bench`: one file under bench/, listed in run.ts. */
export interface BenchSection {
  name: string;
  run(report: BenchReport, env: BenchEnv): Promise<void>;
}

export interface BenchEnv {
  /** A temporary directory for this run (removed at the end). */
  tmp: string;
  /** PostgreSQL to measure as well (BENCH_DATABASE_URL), if set. */
  postgresUrl?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1048576);
}

/** A row from latencies measured elsewhere (concurrent loads). */
export function rowFrom(name: string, latencies: number[], totalMs: number, extra: Partial<Row> = {}): Row {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    n: sorted.length,
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    per_second: totalMs > 0 ? round((sorted.length / totalMs) * 1000) : 0,
    ...extra,
  };
}

/** Runs op n times one after another (after a short warm-up) and adds the row. */
export async function measure(
  report: BenchReport,
  name: string,
  n: number,
  op: (i: number) => Promise<unknown> | unknown,
  note?: string,
): Promise<Row> {
  for (let i = 0; i < Math.min(5, n); i++) await op(i); // warm-up: JIT, caches, connections
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    times.push(performance.now() - t);
  }
  const row = rowFrom(name, times, performance.now() - start, { note });
  report.rows.push(row);
  return row;
}

export function target(report: BenchReport, name: string, value: number, targetText: string, met: boolean): void {
  report.targets[name] = { value: round(value), target: targetText, met };
}

export function formatReport(report: BenchReport): string {
  const width = Math.max(4, ...report.rows.map((r) => r.name.length));
  const num = (x: number | undefined, digits = 3) => (x === undefined ? '—' : x.toFixed(digits));
  const lines = [
    `${'what'.padEnd(width)}  ${'n'.padStart(6)}  ${'p50 ms'.padStart(9)}  ${'p95 ms'.padStart(9)}  ${'p99 ms'.padStart(9)}  ${'per s'.padStart(9)}  ${'RSS MB'.padStart(6)}`,
    ...report.rows.map(
      (r) =>
        `${r.name.padEnd(width)}  ${String(r.n).padStart(6)}  ${num(r.p50_ms).padStart(9)}  ${num(r.p95_ms).padStart(9)}  ${num(r.p99_ms).padStart(9)}  ${(r.per_second ? r.per_second.toFixed(0) : '—').padStart(9)}  ${(r.rss_mb === undefined ? '—' : String(r.rss_mb)).padStart(6)}`,
    ),
    '',
    'ratios:',
    ...Object.entries(report.ratios).map(([k, v]) => `  ${k} = ${v}`),
  ];
  // Failed turns and other remarks: a row whose requests were refused must not pass for a fast one.
  const notes = report.rows.filter((r) => r.note);
  if (notes.length > 0) lines.push('', 'notes:', ...notes.map((r) => `  ${r.name}: ${r.note}`));
  if (Object.keys(report.figures).length > 0) lines.push('', 'figures:', ...Object.entries(report.figures).map(([k, v]) => `  ${k} = ${v}`));
  if (Object.keys(report.targets).length > 0) {
    lines.push('', 'targets:', ...Object.entries(report.targets).map(([k, t]) => `  ${t.met ? 'met    ' : 'MISSED '} ${k}: ${t.value} (target ${t.target})`));
  }
  if (report.notes.length > 0) lines.push('', ...report.notes);
  return lines.join('\n');
}
