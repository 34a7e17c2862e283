// Attachments of one request share created_at: keep the order the user sent them in.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('request_attachments', (t) => {
    t.integer('position').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('request_attachments', (t) => {
    t.dropColumn('position');
  });
}
