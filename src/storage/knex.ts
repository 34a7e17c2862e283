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
              conn.run('PRAGMA journal_mode = WAL', (walError) => done(walError, conn));
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
