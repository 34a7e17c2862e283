// Affiliates (with their family nucleus), their virtual-office accounts and consents.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('affiliates', (t) => {
    t.string('id', 64).primary();
    t.string('document_type', 4).notNullable().references('code').inTable('document_types');
    t.string('document_number', 20).notNullable();
    t.string('first_names', 100).notNullable();
    t.string('last_names', 100).notNullable();
    // Calendar dates as 'YYYY-MM-DD' text: no time zone to shift them.
    t.string('birth_date', 10).notNullable();
    t.string('sex', 1).notNullable();
    t.string('regime', 20).notNullable();
    t.string('affiliate_type', 20).notNullable();
    t.string('status', 20).notNullable();
    t.string('mobile', 20);
    t.string('email', 254);
    t.string('address', 200);
    t.string('municipality_code', 5).notNullable().references('code').inTable('municipalities');
    t.string('document_issue_date', 10);
    t.string('affiliation_date', 10).notNullable();
    t.string('ips_code', 20).references('code').inTable('ips');
    t.string('family_nucleus_id', 64).notNullable();
    t.string('head_affiliate_id', 64).notNullable().references('id').inTable('affiliates');
    t.string('relationship', 20).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['document_type', 'document_number']);
    t.index(['family_nucleus_id']);
  });
  await knex.schema.createTable('accounts', (t) => {
    t.string('id', 64).primary();
    t.string('affiliate_id', 64).notNullable().unique().references('id').inTable('affiliates');
    t.string('password_hash', 255).notNullable();
    t.boolean('must_change_password').notNullable();
    t.timestamp('temp_password_expires_at', { useTz: true });
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.timestamp('failed_window_start', { useTz: true });
    t.integer('failed_in_window').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('consents', (t) => {
    t.string('id', 64).primary();
    t.string('affiliate_id', 64).notNullable().references('id').inTable('affiliates');
    t.string('kind', 30).notNullable();
    t.string('version', 30).notNullable();
    t.timestamp('accepted_at', { useTz: true }).notNullable();
    t.string('channel', 40).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['affiliate_id', 'kind']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consents');
  await knex.schema.dropTable('accounts');
  await knex.schema.dropTable('affiliates');
}
