// Human agents: the handoff queue, every conversation's transcript (bot turns too, secrets already
// redacted), the agents with their console sessions, and the audit of what each agent opened or did.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('agents', (t) => {
    t.string('id', 64).primary();
    t.string('email', 254).notNullable().unique();
    t.string('name', 120).notNullable();
    t.string('role', 20).notNullable();
    t.string('password_hash', 255).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('agent_sessions', (t) => {
    // A keyed hash of the cookie value, never the value itself.
    t.string('id', 64).primary();
    t.string('agent_id', 64).notNullable().references('id').inTable('agents').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.index(['agent_id']);
  });
  await knex.schema.createTable('handoffs', (t) => {
    t.string('id', 64).primary();
    t.string('conversation_key', 300).notNullable();
    t.string('channel', 40).notNullable();
    t.jsonb('reference').notNullable();
    t.string('reason', 30).notNullable();
    t.string('mode', 10).notNullable();
    t.string('status', 12).notNullable();
    t.timestamp('requested_at', { useTz: true }).notNullable();
    t.timestamp('assigned_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.timestamp('expires_at', { useTz: true });
    t.string('agent_id', 64).references('id').inTable('agents');
    t.string('exit_reason', 30);
    t.string('affiliate_id', 64).references('id').inTable('affiliates');
    t.string('active_task', 80);
    t.boolean('awaiting_choice').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['conversation_key']);
    t.index(['status', 'requested_at']);
    t.index(['status', 'expires_at']);
  });
  // At most one open handoff per conversation, even with two requests racing on two instances.
  await knex.raw(
    "create unique index handoffs_one_open_per_conversation on handoffs (conversation_key) where status in ('pending', 'assigned')",
  );
  await knex.schema.createTable('transcript_entries', (t) => {
    t.increments('id').primary();
    t.string('conversation_key', 300).notNullable();
    t.string('author', 10).notNullable();
    t.string('agent_id', 64).references('id').inTable('agents');
    t.text('text');
    t.jsonb('options');
    t.jsonb('attachments');
    t.string('unsupported_content', 40);
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['conversation_key', 'id']);
  });
  await knex.schema.createTable('agent_audit_log', (t) => {
    t.increments('id').primary();
    t.string('agent_id', 64).references('id').inTable('agents');
    t.string('action', 30).notNullable();
    t.string('handoff_id', 64).references('id').inTable('handoffs');
    t.string('detail', 100);
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['handoff_id']);
    t.index(['agent_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('agent_audit_log');
  await knex.schema.dropTable('transcript_entries');
  await knex.raw('drop index if exists handoffs_one_open_per_conversation');
  await knex.schema.dropTable('handoffs');
  await knex.schema.dropTable('agent_sessions');
  await knex.schema.dropTable('agents');
}
