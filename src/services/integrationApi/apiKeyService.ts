// Integration API keys: 256 random bits shown once, stored as a SHA-256 (a slow hash adds nothing to a
// key nobody can guess), compared in constant time. The development key is refused in production even if
// a seed put it in the database.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ApiScope } from '../../domain/apiScopes';
import type { Clock } from '../../domain/clock';
import type { ApiKeyRecord, ApiKeyRepository } from './ports';

export const DEV_API_KEY = 'dev-integration-key-2026';
export const DEV_API_KEY_NAME = 'desarrollo';
const KEY_PREFIX = 'ov_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface AuthenticatedKey {
  id: string;
  name: string;
  scopes: ApiScope[];
}

export class ApiKeyService {
  constructor(
    private readonly deps: { keys: ApiKeyRepository; clock: Clock; production: boolean },
  ) {}

  /** Creates a key and returns it; only its hash is kept, so this is the one time anyone sees it. */
  async create(name: string, scopes: ApiScope[]): Promise<{ key: string; record: ApiKeyRecord }> {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record: ApiKeyRecord = { id: randomUUID(), name, keyPrefix: key.slice(0, 10), scopes, createdAt: this.deps.clock.now() };
    await this.deps.keys.create({ ...record, keyHash: hashApiKey(key) });
    return { key, record };
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.deps.keys.list();
  }

  revoke(name: string): Promise<boolean> {
    return this.deps.keys.revoke(name, this.deps.clock.now());
  }

  /** The key's identity and scopes, or undefined for an unknown, revoked or (in production) development key. */
  async authenticate(presented: string): Promise<AuthenticatedKey | undefined> {
    if (presented.length === 0 || presented.length > 200) return undefined;
    if (this.deps.production && presented === DEV_API_KEY) return undefined;
    const hash = hashApiKey(presented);
    const found = await this.deps.keys.findByHash(hash);
    if (!found || found.revokedAt) return undefined;
    if (!timingSafeEqual(Buffer.from(found.keyHash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
    return { id: found.id, name: found.name, scopes: found.scopes };
  }
}
