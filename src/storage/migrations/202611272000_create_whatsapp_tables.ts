// WhatsApp Cloud API channel: the durable inbox (deduplication by message id for Meta's 7 days of
// retries), delivery statuses of what we sent, and each user's last inbound time (24-hour window).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('whatsapp_inbox', (t) => {
    // wamid… ids are ~60 characters of base64; leave room.
    t.string('message_id', 255).primary();
    t.string('wa_id', 64).notNullable();
    t.string('status', 12).notNullable();
    // The webhook's message object until processed, then null: only the id is kept for deduplication.
    t.text('payload');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('claimed_at', { useTz: true });
    t.timestamp('processed_at', { useTz: true });
    t.string('last_error', 60);
    t.index(['status', 'received_at']);
    t.index(['received_at']);
  });
  await knex.schema.createTable('whatsapp_message_statuses', (t) => {
    t.string('message_id', 255).notNullable();
    t.string('status', 12).notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.integer('error_code');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['message_id', 'status']);
  });
  await knex.schema.createTable('whatsapp_contacts', (t) => {
    t.string('wa_id', 64).primary();
    t.timestamp('last_inbound_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('whatsapp_contacts');
  await knex.schema.dropTable('whatsapp_message_statuses');
  await knex.schema.dropTable('whatsapp_inbox');
}
