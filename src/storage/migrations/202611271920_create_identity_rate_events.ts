// Rate-limit events of the identity flows (SMS requests, failed registrations, failed logins of documents
// without an account), keyed by an HMAC of the typed document: limits hold for documents that do not exist
// too, which is what keeps the replies identical, and no document number is stored here.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('identity_rate_events', (t) => {
    t.increments('id').primary();
    t.string('scope', 30).notNullable();
    t.string('subject_key', 64).notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.index(['scope', 'subject_key', 'occurred_at']);
    t.index(['occurred_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('identity_rate_events');
}
