// Databases for tests: a migrated and seeded SQLite file in a temp directory always, and PostgreSQL (a
// schema of its own per database, dropped on close) when TEST_DATABASE_URL is set — CI sets it.
import { rmSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe } from 'vitest';
import { createKnex } from '../../src/storage/knex';
import { migrateLatest } from '../../src/storage/migrate';
import { runSeeds } from '../../src/storage/seeds';

export type Engine = 'sqlite' | 'postgres';

export interface TestDb {
  knex: Knex;
  engine: Engine;
  /** A DATABASE_URL for this database (PostgreSQL: pass `searchPath` to createKnex as well). */
  databaseUrl: string;
  searchPath?: string;
  close(): Promise<void>;
}

export interface TestDbOptions {
  engine?: Engine;
  /** 'full' (default): reference data and demo people; 'reference': reference data only; 'none': empty tables. */
  seed?: 'full' | 'reference' | 'none';
  /** false: an empty database without tables (for migration tests). */
  migrate?: boolean;
}

/** PostgreSQL for tests, or undefined when the suite must skip it. */
export const TEST_DATABASE_URL: string | undefined = process.env.TEST_DATABASE_URL || undefined;

export const POSTGRES_SKIP_REASON = 'skipped: TEST_DATABASE_URL is unset (CI sets it to a real PostgreSQL server)';

const tempDirs: string[] = [];
// Seeding DIVIPOLA and hashing the demo password per test would be wasteful: each worker seeds one SQLite
// file once per seed level and copies it for every database a test asks for.
const templates = new Map<string, Promise<string>>();

process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function freshSqliteDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'oficina-db-'));
  tempDirs.push(dir);
  return dir;
}

async function prepare(knex: Knex, options: TestDbOptions): Promise<void> {
  if (options.migrate === false) return;
  await migrateLatest(knex);
  const seed = options.seed ?? 'full';
  if (seed !== 'none') await runSeeds(knex, { demo: seed === 'full', now: new Date('2026-01-02T13:00:00.000Z') });
}

function sqliteTemplate(options: TestDbOptions): Promise<string> {
  const key = `${options.migrate === false ? 'bare' : 'migrated'}:${options.seed ?? 'full'}`;
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const file = path.join(await freshSqliteDir(), 'template.sqlite3');
      const knex = createKnex(`sqlite:${file}`);
      try {
        await prepare(knex, options);
        // Fold the write-ahead log into the main file so a plain copy holds everything.
        await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      } finally {
        await knex.destroy();
      }
      return file;
    })();
    templates.set(key, template);
  }
  return template;
}

export async function createTestDb(options: TestDbOptions = {}): Promise<TestDb> {
  const engine = options.engine ?? 'sqlite';
  if (engine === 'sqlite') {
    const dir = await freshSqliteDir();
    const file = path.join(dir, 'test.sqlite3');
    await copyFile(await sqliteTemplate(options), file);
    const databaseUrl = `sqlite:${file}`;
    const knex = createKnex(databaseUrl);
    return {
      knex,
      engine,
      databaseUrl,
      close: async () => {
        await knex.destroy();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_DATABASE_URL) throw new Error(`PostgreSQL test database requested but ${POSTGRES_SKIP_REASON}`);
  const searchPath = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = createKnex(TEST_DATABASE_URL, { poolMax: 1 });
  try {
    await admin.raw('create schema ??', [searchPath]);
  } finally {
    await admin.destroy();
  }
  const knex = createKnex(TEST_DATABASE_URL, { searchPath, poolMax: 5 });
  await prepare(knex, options);
  return {
    knex,
    engine,
    databaseUrl: TEST_DATABASE_URL,
    searchPath,
    close: async () => {
      try {
        await knex.raw('drop schema if exists ?? cascade', [searchPath]);
      } finally {
        await knex.destroy();
      }
    },
  };
}

/** The engines a storage suite runs on; PostgreSQL carries a skip reason when TEST_DATABASE_URL is unset. */
export function testEngines(): Array<{ engine: Engine; skipReason?: string }> {
  return [{ engine: 'sqlite' }, { engine: 'postgres', skipReason: TEST_DATABASE_URL ? undefined : POSTGRES_SKIP_REASON }];
}

/**
 * Declares `title [sqlite]` and `title [postgres]` suites, each with its own database for the whole suite
 * (`db()` inside tests). Without TEST_DATABASE_URL the PostgreSQL suite is declared skipped, with the reason
 * in its title, so the report says plainly what did not run.
 */
export function describeDatabases(
  title: string,
  body: (context: { engine: Engine; db: () => TestDb }) => void,
  options: Omit<TestDbOptions, 'engine'> = {},
): void {
  for (const { engine, skipReason } of testEngines()) {
    const suiteTitle = skipReason ? `${title} [${engine}] — ${skipReason}` : `${title} [${engine}]`;
    describe.skipIf(skipReason !== undefined)(suiteTitle, () => {
      let current: TestDb | undefined;
      beforeAll(async () => {
        current = await createTestDb({ ...options, engine });
      });
      afterAll(async () => {
        await current?.close();
      });
      body({
        engine,
        db: () => {
          if (!current) throw new Error('test database not ready');
          return current;
        },
      });
    });
  }
}

/**
 * Declares `title [sqlite]` and `title [postgres]` suites for tests that build their own app or database
 * per test (end-to-end journeys): the body receives the engine to pass on. Skips PostgreSQL with its
 * reason in the title when TEST_DATABASE_URL is unset, like describeDatabases.
 */
export function describeEngines(title: string, body: (engine: Engine) => void): void {
  for (const { engine, skipReason } of testEngines()) {
    const suiteTitle = skipReason ? `${title} [${engine}] — ${skipReason}` : `${title} [${engine}]`;
    describe.skipIf(skipReason !== undefined)(suiteTitle, () => body(engine));
  }
}
