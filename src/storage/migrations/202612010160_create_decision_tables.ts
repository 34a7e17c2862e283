// Deciding requests and answering PQRDS from the back office or the integration API: each decision with
// who took it, the terms of the authorization it issued (quantity, validity, copay, verification code),
// an audit of every change, and the notices waiting for an affiliate's next message in chat.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('authorizations', (t) => {
    t.integer('quantity');
    t.string('valid_from', 10);
    t.bigInteger('copay_pesos');
    t.string('verification_code', 24).unique();
  });
  await knex.schema.createTable('authorization_decisions', (t) => {
    t.string('id', 64).primary();
    t.string('request_id', 64).notNullable().references('id').inTable('authorization_requests');
    t.string('kind', 20).notNullable();
    t.string('actor_kind', 10).notNullable();
    t.string('actor_id', 64).notNullable();
    t.string('actor_name', 120).notNullable();
    t.string('reason_code', 40);
    t.text('detail');
    t.text('message');
    t.string('authorization_id', 64).references('id').inTable('authorizations');
    t.timestamp('decided_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['request_id', 'decided_at']);
  });
  await knex.schema.createTable('backoffice_audit_log', (t) => {
    t.increments('id').primary();
    t.string('actor_kind', 10).notNullable();
    t.string('actor_id', 64).notNullable();
    t.string('action', 30).notNullable();
    // A filing number or a PQRDS code: what the action was about.
    t.string('subject', 30).notNullable();
    t.string('from_status', 20);
    t.string('to_status', 20);
    // Technical detail (authorization number, reason code, file id): never free text typed by people.
    t.string('detail', 200);
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['subject', 'at']);
    t.index(['actor_id', 'at']);
  });
  await knex.schema.createTable('affiliate_notices', (t) => {
    t.string('id', 64).primary();
    t.string('affiliate_id', 64).notNullable().references('id').inTable('affiliates');
    // One notice per decision or answer, however many times delivery is retried.
    t.string('source_key', 200).notNullable().unique();
    t.text('text').notNullable();
    t.timestamp('shown_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['affiliate_id', 'shown_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('affiliate_notices');
  await knex.schema.dropTable('backoffice_audit_log');
  await knex.schema.dropTable('authorization_decisions');
  await knex.schema.alterTable('authorizations', (t) => {
    t.dropUnique(['verification_code']);
    t.dropColumn('verification_code');
    t.dropColumn('copay_pesos');
    t.dropColumn('valid_from');
    t.dropColumn('quantity');
  });
}
