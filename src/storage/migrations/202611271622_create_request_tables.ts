// Authorization requests with their attachments, issued authorizations, PQRDS, and the per-year counters
// that number requests (AUT-YYYY-NNNNNN) and PQRDS (PQR-YYYY-NNNNNN).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sequence_counters', (t) => {
    t.string('name', 40).primary();
    t.integer('value').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('authorization_requests', (t) => {
    t.string('id', 64).primary();
    t.string('filing_number', 20).notNullable().unique();
    t.string('affiliate_id', 64).notNullable().references('id').inTable('affiliates');
    t.string('filed_by_account_id', 64).notNullable().references('id').inTable('accounts');
    t.string('department_code', 2).notNullable().references('code').inTable('departments');
    t.string('municipality_code', 5).notNullable().references('code').inTable('municipalities');
    t.text('observation').notNullable();
    t.string('status', 20).notNullable();
    t.text('justification');
    t.text('rejection_reason');
    t.string('service_code', 10);
    t.string('service_name', 300);
    t.string('due_date', 10).notNullable();
    t.string('idempotency_key', 200).unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['affiliate_id', 'created_at']);
  });
  await knex.schema.createTable('request_attachments', (t) => {
    t.string('id', 64).primary();
    t.string('request_id', 64).notNullable().references('id').inTable('authorization_requests').onDelete('CASCADE');
    t.string('stored_name', 200).notNullable();
    t.string('original_name', 255).notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('content_type', 100).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['request_id']);
  });
  await knex.schema.createTable('authorizations', (t) => {
    t.string('id', 64).primary();
    t.string('number', 30).notNullable().unique();
    t.string('affiliate_id', 64).notNullable().references('id').inTable('affiliates');
    t.string('service_code', 10).notNullable();
    t.string('service_name', 300).notNullable();
    t.string('service_search', 300).notNullable();
    t.string('provider_ips_code', 20).notNullable().references('code').inTable('ips');
    t.string('status', 20).notNullable();
    t.string('issued_at', 10).notNullable();
    t.string('expires_at', 10).notNullable();
    t.string('request_id', 64).references('id').inTable('authorization_requests');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['affiliate_id', 'issued_at']);
  });
  await knex.schema.createTable('pqrds', (t) => {
    t.string('id', 64).primary();
    t.string('code', 20).notNullable().unique();
    t.string('type', 20).notNullable();
    t.string('petitioner_document_type', 4).notNullable().references('code').inTable('document_types');
    t.string('petitioner_document_number', 20).notNullable();
    t.text('description').notNullable();
    t.string('status', 20).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.text('answer');
    t.timestamp('answered_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('pqrds');
  await knex.schema.dropTable('authorizations');
  await knex.schema.dropTable('request_attachments');
  await knex.schema.dropTable('authorization_requests');
  await knex.schema.dropTable('sequence_counters');
}
