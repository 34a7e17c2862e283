// Runs the explicit migration list (migrations/index.ts) through Knex's migrator.
import type { Knex } from 'knex';
import { migrations, type NamedMigration } from './migrations';

const migrationSource: Knex.MigrationSource<NamedMigration> = {
  getMigrations: () => Promise.resolve([...migrations]),
  getMigrationName: (migration) => migration.name,
  getMigration: (migration) => Promise.resolve({ up: migration.up, down: migration.down }),
};

const config: Knex.MigratorConfig = { migrationSource, tableName: 'knex_migrations' };

/** Applies every pending migration; returns the names applied now. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
  return applied;
}

/** Undoes every applied migration, newest first; returns the names undone. */
export async function rollbackAll(knex: Knex): Promise<string[]> {
  const [, undone] = (await knex.migrate.rollback(config, true)) as [number, string[]];
  return undone;
}

/** Names of applied migrations, oldest first. */
export async function appliedMigrations(knex: Knex): Promise<string[]> {
  const [completed] = (await knex.migrate.list(config)) as [Array<{ name: string }>, unknown[]];
  return completed.map((m) => m.name);
}
