// Migrations go all the way up, all the way down, and up again, on every engine; the list stays well-formed.
import { expect, it } from 'vitest';
import { migrations } from '../../src/storage/migrations';
import { appliedMigrations, migrateLatest, rollbackAll } from '../../src/storage/migrate';
import { describeDatabases } from '../helpers/testDb';

const DOMAIN_TABLES = [
  'document_types',
  'departments',
  'municipalities',
  'ips',
  'health_services',
  'affiliates',
  'accounts',
  'consents',
  'sequence_counters',
  'authorization_requests',
  'request_attachments',
  'authorizations',
  'pqrds',
  'outbox_messages',
  'conversation_references',
  'bot_state',
];

it('lists migrations with unique YYYYMMDDHHmm_<verb>_<object> names in order', () => {
  const names = migrations.map((m) => m.name);
  for (const name of names) expect(name).toMatch(/^\d{12}_[a-z]+(_[a-z0-9]+)+$/);
  expect(new Set(names).size).toBe(names.length);
  expect([...names].sort()).toEqual(names);
});

describeDatabases(
  'migrations',
  ({ db }) => {
    const hasTables = async (): Promise<boolean[]> =>
      Promise.all(DOMAIN_TABLES.map((table) => db().knex.schema.hasTable(table)));

    it('runs latest → rollback all → latest, leaving every table in place', async () => {
      const knex = db().knex;
      expect(await migrateLatest(knex)).toEqual(migrations.map((m) => m.name));
      expect(await hasTables()).toEqual(DOMAIN_TABLES.map(() => true));
      expect(await migrateLatest(knex)).toEqual([]);

      expect(await rollbackAll(knex)).toEqual(migrations.map((m) => m.name).reverse());
      expect(await hasTables()).toEqual(DOMAIN_TABLES.map(() => false));
      expect(await appliedMigrations(knex)).toEqual([]);

      expect(await migrateLatest(knex)).toHaveLength(migrations.length);
      expect(await appliedMigrations(knex)).toEqual(migrations.map((m) => m.name));
    });

    it('enforces foreign keys (SQLite included: PRAGMA foreign_keys on every connection)', async () => {
      const now = new Date().toISOString();
      // SQLite does not name the key; PostgreSQL does, and it must be this one.
      await expect(
        db().knex('municipalities').insert({ code: '00001', name: 'Ninguno', department_code: '00', created_at: now, updated_at: now }),
      ).rejects.toThrow(/FOREIGN KEY constraint failed|violates foreign key constraint "municipalities_department_code_foreign"/);
    });
  },
  { migrate: false },
);
