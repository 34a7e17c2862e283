// Where the webhook event scanner is in each source table (the newest row already turned into events), and
// indexes so that reading what is new stays cheap as the tables grow.
import type { Knex } from 'knex';

const SOURCES = ['authorization_requests', 'request_attachments', 'pqrds', 'handoffs'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_cursors', (t) => {
    t.string('source', 40).primary();
    t.timestamp('position_at', { useTz: true }).notNullable();
    t.string('position_id', 64).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  for (const table of SOURCES) {
    await knex.schema.alterTable(table, (t) => {
      t.index(['created_at', 'id'], `${table}_created_at_id_index`);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of SOURCES) {
    await knex.schema.alterTable(table, (t) => {
      t.dropIndex(['created_at', 'id'], `${table}_created_at_id_index`);
    });
  }
  await knex.schema.dropTable('webhook_cursors');
}
