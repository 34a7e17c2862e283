// Marks where a new person's session begins in a conversation's transcript (a login, a logout, an
// expiry), so an agent reads only the part that belongs to whoever asked for help: two people on the
// same shared computer write in the same web chat conversation.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('transcript_entries', (t) => {
    t.boolean('starts_session').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('transcript_entries', (t) => {
    t.dropColumn('starts_session');
  });
}
