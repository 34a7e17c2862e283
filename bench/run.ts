// `npm run bench`: how fast the things an affiliate waits on are, on this machine, with figures and
// ratios printed as a table and written to bench/report.json. Never part of `npm test`.
// Runs on a temporary SQLite file; set BENCH_DATABASE_URL=postgres://… to measure PostgreSQL too.
// One file per section under bench/; add a section by importing it and listing it below.
// `npm run bench -- NAME…` runs only the sections whose name contains one of the words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { affiliateImport } from './affiliateImport';
import { botState } from './botState';
import { concurrentTurns } from './concurrentTurns';
import { domainRules } from './domainRules';
import { eventFlood } from './eventFlood';
import { intentClassifier } from './intentAccuracy';
import { passwordHashing } from './passwordHashing';
import { pdfInspection } from './pdfInspection';
import { BenchReport, BenchSection, formatReport } from './report';
import { seeding } from './seeding';
import { storedConversations } from './storedConversations';
import { pdfBombsHealth, photoSupports } from './uploadBench';
import { webChatTurns } from './webChatTurns';
import { wholeFlows } from './wholeFlows';

const sections: BenchSection[] = [
  concurrentTurns,
  storedConversations,
  webChatTurns,
  wholeFlows,
  botState,
  seeding,
  domainRules,
  pdfInspection,
  pdfBombsHealth,
  photoSupports,
  passwordHashing,
  eventFlood,
  affiliateImport,
  intentClassifier,
];

async function main(): Promise<void> {
  const only = process.argv.slice(2).map((word) => word.toLowerCase());
  const chosen = sections.filter((s) => only.length === 0 || only.some((word) => s.name.toLowerCase().includes(word)));
  process.stdout.write(`Oficina Virtual — benchmark: ${chosen.map((s) => s.name).join(', ')}\n`);
  const report: BenchReport = { rows: [], ratios: {}, figures: {}, targets: {}, notes: [] };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ov-bench-'));
  try {
    for (const section of chosen) {
      const started = Date.now();
      await section.run(report, { tmp, postgresUrl: process.env.BENCH_DATABASE_URL || undefined });
      process.stdout.write(`  ${section.name}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`\n${formatReport(report)}\n`);
  const target = path.join(PROJECT_ROOT, 'bench', 'report.json');
  writeFileSync(target, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ...report }, null, 2)}\n`);
  process.stdout.write(`\nreport written to ${path.relative(process.cwd(), target) || target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
