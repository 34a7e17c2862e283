// Storage the integration API needs: its keys (hashed) and the answers kept for Idempotency-Key replays.
import type { ApiScope } from '../../domain/apiScopes';

export interface ApiKeyRecord {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  revokedAt?: Date;
}

export interface ApiKeyRepository {
  /** Throws ConflictError('api_key_name_taken') when the name exists (revoked keys keep their name). */
  create(record: Omit<ApiKeyRecord, 'revokedAt'> & { keyHash: string }): Promise<void>;
  /** The key with that hash, with the stored hash for a constant-time comparison. */
  findByHash(keyHash: string): Promise<(ApiKeyRecord & { keyHash: string }) | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  /** Returns false when no active key has that name. */
  revoke(name: string, now: Date): Promise<boolean>;
}

export interface StoredAnswer {
  statusCode: number;
  body: string;
}

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

export interface IdempotencyRepository {
  /** Claims the key for this request, or says what an earlier request with the same key left. */
  claim(apiKeyId: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyClaim>;
  complete(apiKeyId: string, key: string, answer: StoredAnswer, now: Date): Promise<void>;
  /** Frees a claim whose request failed unexpectedly, so that a retry runs again. */
  release(apiKeyId: string, key: string): Promise<void>;
  /** Forgets answers older than `before`; returns how many. */
  pruneBefore(before: Date): Promise<number>;
}
