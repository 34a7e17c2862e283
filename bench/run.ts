// `npm run bench`: how fast the things an affiliate waits on are, on this machine, with figures and
// ratios printed as a table and written to bench/report.json. Never part of `npm test`.
// Runs on a temporary SQLite file; set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryStorage, Storage } from 'botbuilder';
import { PDFDocument } from 'pdf-lib';
import { createApp } from '../src/app';
import { PROJECT_ROOT, loadConfig } from '../src/config';
import { addBusinessDays } from '../src/domain/businessCalendar';
import { findMunicipalities } from '../src/domain/places';
import { silentLogger } from '../src/observability/logger';
import { inspectPdf } from '../src/services/pdfInspection';
import { argon2idHasher } from '../src/services/identity/passwordHasher';
import { createKnex } from '../src/storage/knex';
import { KnexStorage } from '../src/storage/knexStorage';
import { migrateLatest } from '../src/storage/migrate';
import { runSeeds } from '../src/storage/seeds';
import { benchIntents, describeIntentBench, IntentBenchReport } from './intentAccuracy';

interface Row {
  name: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  per_second: number;
  note?: string;
}

const rows: Row[] = [];
const ratios: Record<string, number> = {};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, n: number, op: (i: number) => Promise<unknown> | unknown, note?: string): Promise<Row> {
  for (let i = 0; i < Math.min(5, n); i++) await op(i); // warm-up: JIT, caches, connections
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    times.push(performance.now() - t);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const row = { name, n, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), per_second: round((n / total) * 1000), note };
  rows.push(row);
  return row;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

async function postJson(url: string, token: string | undefined, body: unknown): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} → ${response.status}`);
  return response;
}

async function openConversation(base: string): Promise<{ token: string; id: string }> {
  const ticket = (await (await postJson(`${base}/api/webchat/token`, undefined, {})).json()) as { token: string; conversationId: string };
  await postJson(`${base}/v3/directline/conversations`, ticket.token, {});
  return { token: ticket.token, id: ticket.conversationId };
}

async function benchDirectLine(databaseUrl: string, label: string): Promise<Row> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ov-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, UPLOAD_DIR: path.join(dir, 'uploads') });
  const seedStart = performance.now();
  const app = await createApp({ config, logger: silentLogger });
  const seedMs = performance.now() - seedStart;
  const base = await app.start(0);
  try {
    const one = await openConversation(base);
    const url = `${base}/v3/directline/conversations/${one.id}/activities`;
    const sequential = await measure(
      `web chat turn, one conversation (${label})`,
      200,
      (i) => postJson(url, one.token, { type: 'message', from: { id: 'bench' }, text: i % 2 ? 'ayuda' : 'menú' }),
      'POST /activities until the bot has answered (state read and written each turn)',
    );

    // Twenty people writing at once: turns of different conversations overlap, each conversation stays in order.
    const people = await Promise.all(Array.from({ length: 20 }, () => openConversation(base)));
    const turnsEach = 10;
    const start = performance.now();
    const latencies: number[] = [];
    await Promise.all(
      people.map(async (p) => {
        for (let i = 0; i < turnsEach; i++) {
          const t = performance.now();
          await postJson(`${base}/v3/directline/conversations/${p.id}/activities`, p.token, { type: 'message', from: { id: 'bench' }, text: 'ayuda' });
          latencies.push(performance.now() - t);
        }
      }),
    );
    const total = performance.now() - start;
    latencies.sort((a, b) => a - b);
    const concurrent: Row = {
      name: `web chat turns, 20 conversations at once (${label})`,
      n: latencies.length,
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      per_second: round((latencies.length / total) * 1000),
    };
    rows.push(concurrent);
    ratios[`concurrent_vs_sequential_throughput_${label}`] = round(concurrent.per_second / sequential.per_second);
    rows.push({ name: `start on an empty database: migrate + seed (${label})`, n: 1, p50_ms: round(seedMs), p95_ms: round(seedMs), per_second: 0 });
    return sequential;
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchStorage(storage: Storage, label: string): Promise<Row> {
  const doc = { dialogState: { dialogStack: Array.from({ length: 6 }, (_, i) => ({ id: `d${i}`, state: { values: { x: 'y'.repeat(200) } } })) } };
  let eTag: string | undefined = '*';
  return measure(`bot state read + write (${label})`, 500, async () => {
    const read = await storage.read(['webchat/conversations/bench']);
    const current = read['webchat/conversations/bench'] as { eTag?: string } | undefined;
    eTag = current?.eTag ?? '*';
    await storage.write({ 'webchat/conversations/bench': { ...doc, eTag } });
  });
}

async function bigPdf(targetBytes: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText('Soporte de prueba');
  // A big uncompressed stream makes the file as large as a scanned support, as the parser sees it.
  const raw = pdf.context.stream(Buffer.alloc(targetBytes - 2048, 0x20), {});
  pdf.context.register(raw);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

async function main(): Promise<void> {
  process.stdout.write('Oficina Virtual — benchmark (this takes about a minute)\n');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ov-bench-db-'));
  let intents: IntentBenchReport | undefined;
  try {
    intents = await benchIntents();
    const sqliteTurn = await benchDirectLine(`sqlite:${path.join(tmp, 'app.sqlite3')}`, 'SQLite');
    const pgUrl = process.env.BENCH_DATABASE_URL;
    if (pgUrl) {
      const pgTurn = await benchDirectLine(pgUrl, 'PostgreSQL');
      ratios.postgres_vs_sqlite_turn_p50 = round(pgTurn.p50_ms / sqliteTurn.p50_ms);
    }

    const knex = createKnex(`sqlite:${path.join(tmp, 'state.sqlite3')}`);
    await migrateLatest(knex);
    const knexRow = await benchStorage(new KnexStorage(knex), 'Knex on SQLite');
    const memoryRow = await benchStorage(new MemoryStorage(), 'in memory, for comparison');
    ratios.knex_sqlite_vs_memory_state_p50 = round(knexRow.p50_ms / Math.max(memoryRow.p50_ms, 0.001));
    const seedKnex = createKnex(`sqlite:${path.join(tmp, 'seed.sqlite3')}`);
    await migrateLatest(seedKnex);
    const seedStart = performance.now();
    await runSeeds(seedKnex, { dataDir: path.join(PROJECT_ROOT, 'data') });
    rows.push({ name: 'seed reference + demo data (SQLite)', n: 1, p50_ms: round(performance.now() - seedStart), p95_ms: round(performance.now() - seedStart), per_second: 0, note: '1,123 municipalities' });
    await seedKnex.destroy();
    await knex.destroy();

    const queries = ['barranquilla', 'barranquila', 'sta marta', 'bogota', 'medellin', 'san juan', 'villanueva', 'cartagena de indias', 'soledad', 'xyz'];
    findMunicipalities('warm up');
    await measure('DIVIPOLA municipality match (typos, accents)', 5000, (i) => findMunicipalities(queries[i % queries.length]));

    const big = await bigPdf(Math.round(14.9 * 1024 * 1024));
    const small = await bigPdf(64 * 1024);
    const bigRow = await measure(`PDF inspection, ${(big.length / 1048576).toFixed(1)} MB`, 10, () => inspectPdf(big));
    const smallRow = await measure('PDF inspection, 64 KB', 100, () => inspectPdf(small));
    ratios.pdf_inspection_15mb_vs_64kb = round(bigRow.p50_ms / Math.max(smallRow.p50_ms, 0.001));

    await measure('argon2id hash (m=19 MiB, t=2, p=1)', 10, () => argon2idHasher.hash('Una clave de prueba 2026'), 'why limits are checked before hashing');
    await measure('due date: +5 business days with holidays', 10000, (i) => addBusinessDays(new Date(Date.UTC(2026, 0, 1 + (i % 365), 15)), 5));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = [
    `${'what'.padEnd(width)}  ${'n'.padStart(6)}  ${'p50 ms'.padStart(9)}  ${'p95 ms'.padStart(9)}  ${'per s'.padStart(9)}`,
    ...rows.map((r) =>
      `${r.name.padEnd(width)}  ${String(r.n).padStart(6)}  ${r.p50_ms.toFixed(3).padStart(9)}  ${r.p95_ms.toFixed(3).padStart(9)}  ${(r.per_second ? r.per_second.toFixed(0) : '—').padStart(9)}`,
    ),
    '',
    'ratios:',
    ...Object.entries(ratios).map(([k, v]) => `  ${k} = ${v}`),
    '',
    ...(intents ? describeIntentBench(intents) : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    rows,
    ratios,
    intents,
  };
  const target = path.join(PROJECT_ROOT, 'bench', 'report.json');
  writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nreport written to ${path.relative(process.cwd(), target) || target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
