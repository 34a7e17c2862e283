// A migrated database for the WhatsApp storage tests: a SQLite file in a temp directory always, and
// PostgreSQL (a schema of its own) when TEST_DATABASE_URL is set.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createKnex } from '../../../src/storage/knex';
import { migrateLatest } from '../../../src/storage/migrate';

export interface TestDb {
  knex: Knex;
  close(): Promise<void>;
}

export const engines: { name: string; url?: string }[] = [
  { name: 'sqlite' },
  { name: 'postgres', url: process.env.TEST_DATABASE_URL },
];

export async function openTestDb(engine: { name: string; url?: string }): Promise<TestDb> {
  if (engine.name === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'wa-db-'));
    const knex = createKnex(`sqlite:${path.join(dir, 'test.sqlite3')}`);
    await migrateLatest(knex);
    return {
      knex,
      close: async () => {
        await knex.destroy();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `wa_test_${process.pid}_${Date.now()}`;
  const admin = createKnex(engine.url!);
  await admin.raw('create schema ??', [schema]);
  await admin.destroy();
  const knex = createKnex(engine.url!, { searchPath: schema, poolMax: 4 });
  await migrateLatest(knex);
  return {
    knex,
    close: async () => {
      await knex.raw('drop schema ?? cascade', [schema]);
      await knex.destroy();
    },
  };
}
