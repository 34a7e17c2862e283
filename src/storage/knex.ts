// One Knex instance per process. DATABASE_URL picks the engine: `sqlite:<path>` (default, a file under
// data/local/) or `postgres://…`. Dialect differences in queries live in dialect.ts, not here.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKind(databaseUrl: string): DatabaseKind {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  throw new Error('DATABASE_URL must be sqlite:<path> or postgres://…');
}

export interface KnexOptions {
  /** PostgreSQL only: schema to work in (tests use one per run). */
  searchPath?: string;
  /** PostgreSQL pool size; SQLite always uses one connection (one writer at a time). */
  poolMax?: number;
}

interface SqliteConnection {
  run(sql: string, callback: (error: Error | null) => void): void;
}

// Knex's own logging would print SQL with bindings (personal data) on some warnings: keep it quiet.
const quietLog = { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined };

export function createKnex(databaseUrl: string, options: KnexOptions = {}): Knex {
  if (databaseKind(databaseUrl) === 'sqlite') {
    const filename = databaseUrl.slice('sqlite:'.length);
    if (filename !== ':memory:') mkdirSync(path.dirname(filename), { recursive: true });
    return knexFactory({
      client: 'sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      log: quietLog,
      pool: {
        // A single connection serialises transactions in process, which is what makes counters safe.
        min: 1,
        max: 1,
        afterCreate(conn: SqliteConnection, done: (error: Error | null, conn: SqliteConnection) => void) {
          // foreign_keys is per connection and off by default in SQLite.
          conn.run('PRAGMA foreign_keys = ON', (fkError) => {
            if (fkError) return done(fkError, conn);
            conn.run('PRAGMA busy_timeout = 5000', (busyError) => {
              if (busyError) return done(busyError, conn);
              // WAL: readers never wait for the writer. synchronous=NORMAL: a commit is not synced to disk
              // until the next checkpoint, so a power cut (not a crash of the process) can lose the last
              // commits but never corrupts the file (see README, performance).
              conn.run('PRAGMA journal_mode = WAL', (walError) => {
                if (walError) return done(walError, conn);
                conn.run('PRAGMA synchronous = NORMAL', (syncError) => done(syncError, conn));
              });
            });
          });
        },
      },
    });
  }
  return knexFactory({
    client: 'pg',
    connection: databaseUrl,
    searchPath: options.searchPath ? [options.searchPath] : undefined,
    log: quietLog,
    pool: { min: 0, max: options.poolMax ?? 10 },
  });
}

/** How many SQLite connections serve reads next to the single writer. */
const SQLITE_READERS = 3;

/**
 * Connections for the reads a turn starts with (bot state, handoff status), so they never queue behind
 * another conversation's write transaction on SQLite's single writer connection: in WAL mode readers
 * see the last commit and never wait. PostgreSQL's pool already reads in parallel: the same knex.
 */
export function createReadKnex(databaseUrl: string, writer: Knex): Knex {
  if (databaseKind(databaseUrl) !== 'sqlite') return writer;
  const filename = databaseUrl.slice('sqlite:'.length);
  if (filename === ':memory:') return writer;
  return knexFactory({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    log: quietLog,
    pool: {
      min: 0,
      max: SQLITE_READERS,
      afterCreate(conn: SqliteConnection, done: (error: Error | null, conn: SqliteConnection) => void) {
        // A read connection that tried to write would take the write lock behind the writer's back.
        conn.run('PRAGMA query_only = ON', (error) => {
          if (error) return done(error, conn);
          conn.run('PRAGMA busy_timeout = 5000', (busyError) => done(busyError, conn));
        });
      },
    },
  });
}
