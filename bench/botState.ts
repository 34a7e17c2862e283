// Bot state read + write through the Knex storage, against botbuilder's in-memory storage.
import path from 'node:path';
import { MemoryStorage, Storage } from 'botbuilder';
import { createKnex } from '../src/storage/knex';
import { KnexStorage } from '../src/storage/knexStorage';
import { migrateLatest } from '../src/storage/migrate';
import { BenchReport, BenchSection, Row, measure, round } from './report';

async function benchStorage(report: BenchReport, storage: Storage, label: string): Promise<Row> {
  const doc = { dialogState: { dialogStack: Array.from({ length: 6 }, (_, i) => ({ id: `d${i}`, state: { values: { x: 'y'.repeat(200) } } })) } };
  return measure(report, `bot state read + write (${label})`, 500, async () => {
    const read = await storage.read(['webchat/conversations/bench']);
    const current = read['webchat/conversations/bench'] as { eTag?: string } | undefined;
    await storage.write({ 'webchat/conversations/bench': { ...doc, eTag: current?.eTag ?? '*' } });
  });
}

export const botState: BenchSection = {
  name: 'bot state',
  async run(report, env) {
    const knex = createKnex(`sqlite:${path.join(env.tmp, 'state.sqlite3')}`);
    try {
      await migrateLatest(knex);
      const knexRow = await benchStorage(report, new KnexStorage(knex), 'Knex on SQLite');
      const memoryRow = await benchStorage(report, new MemoryStorage(), 'in memory, for comparison');
      report.ratios.knex_sqlite_vs_memory_state_p50 = round(knexRow.p50_ms / Math.max(memoryRow.p50_ms, 0.001));
    } finally {
      await knex.destroy();
    }
  },
};
