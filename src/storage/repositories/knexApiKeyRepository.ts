// Integration API keys; only the SHA-256 of a key is stored.
import type { Knex } from 'knex';
import { isApiScope, type ApiScope } from '../../domain/apiScopes';
import { ConflictError } from '../../domain/errors';
import type { ApiKeyRecord, ApiKeyRepository } from '../../services/integrationApi/ports';
import { fromInstant, fromOptionalInstant, isUniqueViolation, toInstant } from '../dialect';

type Row = Record<string, unknown>;

function fromRow(row: Row): ApiKeyRecord & { keyHash: string } {
  return {
    id: String(row.id),
    name: String(row.name),
    keyHash: String(row.key_hash),
    keyPrefix: String(row.key_prefix),
    scopes: String(row.scopes)
      .split(',')
      .filter((s): s is ApiScope => isApiScope(s)),
    createdAt: fromInstant(row.created_at),
    revokedAt: fromOptionalInstant(row.revoked_at),
  };
}

export class KnexApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: Knex) {}

  async create(record: Omit<ApiKeyRecord, 'revokedAt'> & { keyHash: string }): Promise<void> {
    try {
      await this.db('api_keys').insert({
        id: record.id,
        name: record.name,
        key_hash: record.keyHash,
        key_prefix: record.keyPrefix,
        scopes: record.scopes.join(','),
        revoked_at: null,
        created_at: toInstant(record.createdAt),
        updated_at: toInstant(record.createdAt),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('api_key_name_taken');
      throw error;
    }
  }

  async findByHash(keyHash: string): Promise<(ApiKeyRecord & { keyHash: string }) | undefined> {
    const row = (await this.db('api_keys').where({ key_hash: keyHash }).first()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = (await this.db('api_keys').orderBy('name')) as Row[];
    return rows.map((row) => {
      const { keyHash: _hash, ...record } = fromRow(row);
      return record;
    });
  }

  async revoke(name: string, now: Date): Promise<boolean> {
    const count = await this.db('api_keys')
      .where({ name })
      .whereNull('revoked_at')
      .update({ revoked_at: toInstant(now), updated_at: toInstant(now) });
    return count > 0;
  }
}
