// A vital-risk conversation ("no respira", "me quiero morir") goes to the head of the agents' queue:
// the flag orders the queue and marks the row in the console.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('handoffs', (t) => {
    t.boolean('urgent').notNullable().defaultTo(false);
    t.index(['status', 'urgent', 'requested_at'], 'handoffs_queue_order');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('handoffs', (t) => {
    t.dropIndex(['status', 'urgent', 'requested_at'], 'handoffs_queue_order');
    t.dropColumn('urgent');
  });
}
