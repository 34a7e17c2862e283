// The development integration key (`dev-integration-key-2026`, every scope), seeded with the demo set.
// ApiKeyService refuses it in production even if this seed ran there.
import type { Knex } from 'knex';
import { API_SCOPES } from '../../domain/apiScopes';
import { DEV_API_KEY, DEV_API_KEY_NAME, hashApiKey } from '../../services/integrationApi/apiKeyService';
import { toInstant } from '../dialect';

export const DEV_API_KEY_ID = 'api-key-dev';

export async function seedDevApiKey(knex: Knex, at: Date): Promise<void> {
  await knex('api_keys')
    .insert({
      id: DEV_API_KEY_ID,
      name: DEV_API_KEY_NAME,
      key_hash: hashApiKey(DEV_API_KEY),
      key_prefix: DEV_API_KEY.slice(0, 10),
      scopes: API_SCOPES.join(','),
      revoked_at: null,
      created_at: toInstant(at),
      updated_at: toInstant(at),
    })
    // Left alone when it exists (by id or name): seeds run any number of times.
    .onConflict()
    .ignore();
}
