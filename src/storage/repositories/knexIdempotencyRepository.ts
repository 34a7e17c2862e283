// Answers kept for Idempotency-Key: the first request claims the key (primary key on key id + idempotency
// key, so two concurrent requests cannot both claim it), and its answer is stored for replays.
import type { Knex } from 'knex';
import type { IdempotencyClaim, IdempotencyRepository, StoredAnswer } from '../../services/integrationApi/ports';
import { isUniqueViolation, toInstant } from '../dialect';

type Row = Record<string, unknown>;

export class KnexIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Knex) {}

  async claim(apiKeyId: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyClaim> {
    try {
      await this.db('api_idempotency_keys').insert({
        api_key_id: apiKeyId,
        idempotency_key: key,
        fingerprint,
        status_code: null,
        response_body: null,
        created_at: toInstant(now),
        updated_at: toInstant(now),
      });
      return { kind: 'claimed' };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = (await this.db('api_idempotency_keys').where({ api_key_id: apiKeyId, idempotency_key: key }).first()) as Row | undefined;
    // Released between our insert and this read: the caller may simply try again.
    if (!row) return { kind: 'in_progress' };
    if (String(row.fingerprint) !== fingerprint) return { kind: 'mismatch' };
    if (row.status_code === null || row.status_code === undefined) return { kind: 'in_progress' };
    return { kind: 'replay', answer: { statusCode: Number(row.status_code), body: String(row.response_body ?? '') } };
  }

  async complete(apiKeyId: string, key: string, answer: StoredAnswer, now: Date): Promise<void> {
    await this.db('api_idempotency_keys')
      .where({ api_key_id: apiKeyId, idempotency_key: key })
      .update({ status_code: answer.statusCode, response_body: answer.body, updated_at: toInstant(now) });
  }

  async release(apiKeyId: string, key: string): Promise<void> {
    await this.db('api_idempotency_keys').where({ api_key_id: apiKeyId, idempotency_key: key }).delete();
  }

  async pruneBefore(before: Date): Promise<number> {
    return this.db('api_idempotency_keys').where('created_at', '<', toInstant(before)).delete();
  }
}
