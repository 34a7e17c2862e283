// The integration API's keys (only a SHA-256 of each key is stored) and the answers kept for
// Idempotency-Key replays.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_keys', (t) => {
    t.string('id', 64).primary();
    t.string('name', 80).notNullable().unique();
    // Hex SHA-256 of the whole key: a key has 256 random bits, so a slow hash adds nothing.
    t.string('key_hash', 64).notNullable().unique();
    // The first characters of the key, to tell keys apart in `npm run apikey -- list` without revealing them.
    t.string('key_prefix', 16).notNullable();
    t.string('scopes', 200).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('api_idempotency_keys', (t) => {
    t.string('api_key_id', 64).notNullable().references('id').inTable('api_keys');
    t.string('idempotency_key', 255).notNullable();
    // SHA-256 of method, path and body: the same key with anything else is refused.
    t.string('fingerprint', 64).notNullable();
    // Null while the first request is still running.
    t.integer('status_code');
    t.text('response_body');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['api_key_id', 'idempotency_key']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('api_idempotency_keys');
  await knex.schema.dropTable('api_keys');
}
