// Reference data: document types, DIVIPOLA places, IPS and the CUPS service catalogue.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('document_types', (t) => {
    t.string('code', 4).primary();
    t.string('name', 100).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('departments', (t) => {
    t.string('code', 2).primary();
    t.string('name', 100).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('municipalities', (t) => {
    t.string('code', 5).primary();
    t.string('name', 100).notNullable();
    t.string('department_code', 2).notNullable().references('code').inTable('departments');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['department_code']);
  });
  await knex.schema.createTable('ips', (t) => {
    t.string('code', 20).primary();
    t.string('name', 200).notNullable();
    t.string('address', 200).notNullable();
    t.string('phone', 40).notNullable();
    t.string('municipality_code', 5).notNullable().references('code').inTable('municipalities');
    t.text('directions').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['municipality_code']);
  });
  await knex.schema.createTable('health_services', (t) => {
    t.string('code', 10).primary();
    t.string('name', 300).notNullable();
    // Lower case without accents, for accent-insensitive search on both engines.
    t.string('search_text', 300).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('health_services');
  await knex.schema.dropTable('ips');
  await knex.schema.dropTable('municipalities');
  await knex.schema.dropTable('departments');
  await knex.schema.dropTable('document_types');
}
