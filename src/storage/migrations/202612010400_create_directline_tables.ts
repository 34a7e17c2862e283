// The web chat's Direct Line conversations and their activity log, shared by every instance (any instance
// serves any token: polling, the stream, posts). Bounded by the store's budget (per conversation and in
// total, see src/storage/repositories/knexDirectLineStore.ts) and purged by RETENTION_DAYS.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('directline_conversations', (t) => {
    t.string('id', 200).primary();
    t.string('user_id', 100).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    /** The least recently used conversations lose their history first when the total budget is full. */
    t.timestamp('last_used_at', { useTz: true }).notNullable();
    /** Sequence number of the newest activity (the Direct Line watermark). */
    t.integer('watermark').notNullable().defaultTo(0);
    t.integer('activity_count').notNullable().defaultTo(0);
    /** What the conversation costs against the budget: its activities as JSON plus a fixed overhead. */
    t.integer('bytes').notNullable();
    /** History dropped for room: the row stays (small) so the client's token re-attaches it. */
    t.boolean('dropped').notNullable().defaultTo(false);
    t.index(['dropped', 'last_used_at']);
    t.index(['last_used_at']);
  });
  await knex.schema.createTable('directline_activities', (t) => {
    t.string('conversation_id', 200).notNullable().references('id').inTable('directline_conversations').onDelete('CASCADE');
    t.integer('seq').notNullable();
    t.string('client_activity_id', 200);
    /** The activity as JSON, without its id (derived from the conversation and seq). */
    t.text('body').notNullable();
    t.integer('bytes').notNullable();
    /**
     * Set while the user's message is being handled: the text is not written until the turn says whether
     * it was a secret, and readers stop before it (the replies after it wait too). Past this instant a
     * hold whose instance died is ignored.
     */
    t.timestamp('held_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.primary(['conversation_id', 'seq']);
    t.index(['conversation_id', 'client_activity_id']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('directline_activities');
  await knex.schema.dropTable('directline_conversations');
}
