// Seeding reference and demo data (1,123 municipalities) into an empty SQLite database.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/config';
import { createKnex } from '../src/storage/knex';
import { migrateLatest } from '../src/storage/migrate';
import { runSeeds } from '../src/storage/seeds';
import { BenchSection, round } from './report';

export const seeding: BenchSection = {
  name: 'seeding',
  async run(report, env) {
    const knex = createKnex(`sqlite:${path.join(env.tmp, 'seed.sqlite3')}`);
    try {
      await migrateLatest(knex);
      const start = performance.now();
      await runSeeds(knex, { dataDir: path.join(PROJECT_ROOT, 'data') });
      const ms = round(performance.now() - start);
      report.rows.push({ name: 'seed reference + demo data (SQLite)', n: 1, p50_ms: ms, p95_ms: ms, per_second: 0, note: '1,123 municipalities' });
    } finally {
      await knex.destroy();
    }
  },
};
