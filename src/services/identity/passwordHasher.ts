// argon2id with the OWASP / ASVS 5 minimum (19 MiB memory, 2 passes, 1 lane): ~50 ms per hash here.
// Parameters travel inside each PHC string, so raising them later still verifies old hashes.
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { PasswordHasher } from '../ports/identity';

export const ARGON2ID_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2idHasher: PasswordHasher = {
  hash: (password) => argon2.hash(password, ARGON2ID_PARAMS),
  async verify(hash, password) {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A malformed stored hash must fail closed, not crash the turn.
      return false;
    }
  },
};

/**
 * A valid hash of a random value nobody knows: verifying against it when a document has no account takes
 * the same time as a real check, so response time does not reveal who is registered.
 */
export async function makeDecoyHash(hasher: PasswordHasher): Promise<string> {
  return hasher.hash(randomBytes(24).toString('base64url'));
}
