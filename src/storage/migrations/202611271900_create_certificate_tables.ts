// Issued certificates (so GET /certificados/{code} can tell a genuine one) and the optional PDF of a PQRDS.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('certificates', (t) => {
    t.string('code', 24).primary();
    t.string('kind', 20).notNullable();
    t.string('affiliate_id', 64).notNullable().references('id').inTable('affiliates');
    t.string('requested_by_affiliate_id', 64).notNullable().references('id').inTable('affiliates');
    t.timestamp('issued_at', { useTz: true }).notNullable();
    t.string('sha256', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['affiliate_id', 'issued_at']);
  });
  await knex.schema.createTable('pqrds_attachments', (t) => {
    t.string('id', 64).primary();
    t.string('pqrds_id', 64).notNullable().references('id').inTable('pqrds').onDelete('CASCADE');
    t.string('stored_name', 200).notNullable();
    t.string('original_name', 255).notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('content_type', 100).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['pqrds_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('pqrds_attachments');
  await knex.schema.dropTable('certificates');
}
