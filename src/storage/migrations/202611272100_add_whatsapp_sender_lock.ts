// One message per WhatsApp sender in processing at a time, across instances: the database refuses a
// second "processing" row for the same wa_id, so a sender's messages run in order even with several workers.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Partial unique indexes exist in both PostgreSQL and SQLite with this syntax.
  await knex.raw(`create unique index whatsapp_inbox_one_processing_per_sender on whatsapp_inbox (wa_id) where status = 'processing'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index whatsapp_inbox_one_processing_per_sender');
}
