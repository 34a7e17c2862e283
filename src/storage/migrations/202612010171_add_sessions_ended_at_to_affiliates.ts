// When the EPS's records end a person's open sessions (a status change away from activo): a session that
// started before this instant is over on the person's next message.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('affiliates', (t) => {
    t.timestamp('sessions_ended_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('affiliates', (t) => {
    t.dropColumn('sessions_ended_at');
  });
}
