// Files the bot sends to a web chat (certificate PDFs), served from short-lived links: in the database so
// that whichever instance the browser's download reaches can serve it. Bounded in bytes; expired rows go
// when new files come and by the retention purge.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('directline_files', (t) => {
    t.string('id', 32).primary();
    t.string('conversation_id', 200).notNullable();
    t.string('content_type', 100).notNullable();
    t.string('name', 200).notNullable();
    t.binary('content').notNullable();
    t.integer('size').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('directline_files');
}
