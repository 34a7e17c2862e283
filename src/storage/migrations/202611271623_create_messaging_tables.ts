// The SMS/e-mail outbox, conversation references for proactive messages, and botbuilder state.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox_messages', (t) => {
    t.string('id', 64).primary();
    t.string('kind', 10).notNullable();
    t.string('recipient', 254).notNullable();
    t.string('subject', 200);
    t.text('body').notNullable();
    t.string('status', 10).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.string('last_error', 60);
    t.string('dedup_key', 200).unique();
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['status', 'next_attempt_at']);
  });
  await knex.schema.createTable('conversation_references', (t) => {
    t.string('conversation_key', 300).primary();
    t.string('channel', 40).notNullable();
    t.jsonb('reference').notNullable();
    t.string('affiliate_id', 64).references('id').inTable('affiliates');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['affiliate_id']);
  });
  await knex.schema.createTable('bot_state', (t) => {
    // botbuilder keys are free text (channel/conversation/user ids can be long and carry any character).
    t.text('key').primary();
    t.jsonb('doc').notNullable();
    t.string('e_tag', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('bot_state');
  await knex.schema.dropTable('conversation_references');
  await knex.schema.dropTable('outbox_messages');
}
