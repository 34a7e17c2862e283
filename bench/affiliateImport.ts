// Bench section: `npm run import:affiliates` throughput and memory, on SQLite and (with BENCH_DATABASE_URL)
// PostgreSQL. A synthetic NDJSON file (1 % bad lines) is imported twice: the first run creates everyone, the
// second finds everything unchanged. The heap is sampled while it runs: it must stay flat, whatever the size
// of the file. Target: ≥ 20,000 affiliates/s. Also runnable alone: node dist/bench/affiliateImport.js
// Only the import is timed (the file is written before). The rate depends on what else the machine runs, so
// each row also gives the load average around the run and the CPU time this process spent per line (user +
// system, SQLite's threads included; PostgreSQL's server work is not), a figure the load barely moves.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importAffiliateFile } from '../src/cli/affiliateFileImport';
import { systemClock } from '../src/domain/clock';
import { AffiliateFeedService } from '../src/services/affiliateFeed/affiliateFeedService';
import { createKnex } from '../src/storage/knex';
import { migrateLatest } from '../src/storage/migrate';
import { KnexAffiliateFeedStore } from '../src/storage/repositories/knexAffiliateFeedStore';
import { runSeeds } from '../src/storage/seeds';
import { type BenchSection, type Row, target } from './report';
import { writeSyntheticFile } from './syntheticAffiliates';

export const IMPORT_TARGET_PER_SECOND = 20_000;

export interface ImportBenchResult {
  rows: Row[];
  figures: Record<string, number>;
}

/** V8's gc() without starting node with --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const tenths = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => tenths(bytes / 1_048_576);

async function importTwice(databaseUrl: string, label: string, file: string, lines: number): Promise<ImportBenchResult> {
  const searchPath = databaseUrl.startsWith('postgres') ? `bench_import_${process.pid}` : undefined;
  if (searchPath) {
    const admin = createKnex(databaseUrl, { poolMax: 1 });
    await admin.raw('create schema if not exists ??', [searchPath]);
    await admin.destroy();
  }
  const knex = createKnex(databaseUrl, { searchPath });
  try {
    await migrateLatest(knex);
    await runSeeds(knex, { demo: false });
    const feed = new AffiliateFeedService({ store: new KnexAffiliateFeedStore(knex), clock: systemClock });
    const rows: Row[] = [];
    const figures: Record<string, number> = {};
    const gc = exposeGc();
    for (const run of ['first run, creates', 'second run, unchanged'] as const) {
      gc();
      const loadBefore = os.loadavg()[0]!;
      const cpuStart = process.cpuUsage();
      const heapStart = process.memoryUsage().heapUsed;
      let heapPeak = heapStart;
      let rssPeak = process.memoryUsage().rss;
      // Live heap (after a full collection) every 2 s: what the import keeps, not garbage awaiting collection.
      const sampler = setInterval(() => {
        gc();
        const m = process.memoryUsage();
        heapPeak = Math.max(heapPeak, m.heapUsed);
        rssPeak = Math.max(rssPeak, m.rss);
      }, 2000);
      const result = await importAffiliateFile({ file, feed, clock: systemClock, out: { write: () => true } }).finally(() => clearInterval(sampler));
      const cpu = process.cpuUsage(cpuStart);
      const cpuPerLine = tenths((cpu.user + cpu.system) / lines);
      const load = `load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`;
      const perSecond = Math.round(lines / result.seconds);
      const key = `${label.toLowerCase()}_${run.startsWith('first') ? 'first' : 'second'}`;
      figures[`import_${key}_per_second`] = perSecond;
      figures[`import_${key}_cpu_us_per_line`] = cpuPerLine;
      figures[`import_${key}_load_average`] = tenths(os.loadavg()[0]!);
      figures[`import_${key}_heap_growth_mb`] = mb(heapPeak - heapStart);
      figures[`import_${key}_rss_peak_mb`] = mb(rssPeak);
      rows.push({
        name: `affiliate import ${lines.toLocaleString('en')} lines, ${run} (${label})`,
        n: lines,
        p50_ms: tenths((result.seconds * 1000) / lines),
        p95_ms: 0,
        per_second: perSecond,
        note: `target ≥ ${IMPORT_TARGET_PER_SECOND.toLocaleString('en')}/s: ${perSecond >= IMPORT_TARGET_PER_SECOND ? 'met' : 'NOT met'} (${load}); ${cpuPerLine} µs CPU per line in this process; live heap +${mb(heapPeak - heapStart)} MB at peak, RSS peak ${mb(rssPeak)} MB; ${result.refused} refused`,
      });
    }
    return { rows, figures };
  } finally {
    if (searchPath) await knex.raw('drop schema if exists ?? cascade', [searchPath]);
    await knex.destroy();
  }
}

/** Runs the section on SQLite and, when given, PostgreSQL. */
export async function benchAffiliateImport(options: { postgresUrl?: string; lines?: number } = {}): Promise<ImportBenchResult> {
  const lines = options.lines ?? Number(process.env.BENCH_IMPORT_LINES ?? 200_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ov-bench-import-'));
  try {
    const file = path.join(dir, 'afiliados.ndjson');
    await writeSyntheticFile(file, { lines, format: 'ndjson', badEvery: 100 });
    const result: ImportBenchResult = { rows: [], figures: { import_file_mb: mb(statSync(file).size) } };
    const engines: Array<[string, string]> = [[`sqlite:${path.join(dir, 'import.sqlite3')}`, 'SQLite']];
    if (options.postgresUrl) engines.push([options.postgresUrl, 'PostgreSQL']);
    for (const [url, label] of engines) {
      const one = await importTwice(url, label, file, lines);
      result.rows.push(...one.rows);
      Object.assign(result.figures, one.figures);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const affiliateImport: BenchSection = {
  name: 'affiliate import',
  async run(report, env) {
    const { rows, figures } = await benchAffiliateImport({ postgresUrl: env.postgresUrl });
    report.rows.push(...rows);
    Object.assign(report.figures, figures);
    for (const [name, value] of Object.entries(figures)) {
      if (name.endsWith('_first_per_second')) {
        target(report, name, value, `≥ ${IMPORT_TARGET_PER_SECOND.toLocaleString('en')} affiliates/s`, value >= IMPORT_TARGET_PER_SECOND);
      }
      if (name.endsWith('_heap_growth_mb')) {
        // Flat: what one batch in flight and one being read need, whatever the file's size.
        target(report, name, value, `< ${(figures.import_file_mb! / 4).toFixed(1)} MB (a quarter of the file)`, value < figures.import_file_mb! / 4);
      }
    }
  },
};

if (require.main === module) {
  benchAffiliateImport({ postgresUrl: process.env.BENCH_DATABASE_URL }).then(
    ({ rows, figures }) => {
      for (const row of rows) process.stdout.write(`${row.name}: ${row.per_second.toLocaleString('en')}/s — ${row.note}\n`);
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
