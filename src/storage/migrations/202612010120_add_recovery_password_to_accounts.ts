// A password reset no longer replaces the password: the temporary one waits beside it until it is used
// (once, within its expiry), so someone who knows a document and its issue date cannot cut the owner off.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.string('recovery_password_hash', 255);
    t.timestamp('recovery_expires_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('recovery_password_hash');
    t.dropColumn('recovery_expires_at');
  });
}
