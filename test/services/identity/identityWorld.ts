// The identity services on a migrated SQLite database seeded with the demo people (README.md, "Demo data"), a fixed clock,
// a memory logger and a temporary-password generator that remembers what it issued (to prove it never
// leaks into logs or replies).
import { generateTemporaryPassword as generateTemporaryPasswordForReal } from '../../../src/domain/passwordPolicy';
import { createMemoryLogger } from '../../../src/observability/logger';
import { AuthenticationService } from '../../../src/services/identity/authenticationService';
import { ConsentService } from '../../../src/services/identity/consentService';
import { argon2idHasher } from '../../../src/services/identity/passwordHasher';
import { PasswordRecoveryService } from '../../../src/services/identity/passwordRecoveryService';
import { RegistrationService } from '../../../src/services/identity/registrationService';
import { subjectKeyer } from '../../../src/services/identity/subjectKey';
import type { PasswordHasher } from '../../../src/services/ports/identity';
import { createRepositories } from '../../../src/storage/repositories';
import { KnexIdentityRateEventRepository } from '../../../src/storage/repositories/knexIdentityRateEventRepository';
import { fixedClock } from '../../helpers/clock';
import { createTestDb } from '../../helpers/testDb';

export const MARIA = { document: { type: 'CC', number: '1045678901' }, mobile: '3001112233', issueDate: '2008-03-14' } as const;
export const ANA = { document: { type: 'CC', number: '1045678904' }, mobile: '3001112236', issueDate: '2012-01-09', password: 'Cajacopi#2026' } as const;
export const JOSE = { document: { type: 'CC', number: '1045678903' }, mobile: '3001112235', issueDate: '2005-11-30' } as const;
export const UNKNOWN = { document: { type: 'CC', number: '1099999999' }, mobile: '3009998877', issueDate: '2001-05-05' } as const;

/** Counts hashing work, so tests can prove limits are checked before any hash. */
export function countingHasher(inner: PasswordHasher = argon2idHasher): PasswordHasher & { calls: number } {
  const counter = {
    calls: 0,
    hash: (password: string) => {
      counter.calls += 1;
      return inner.hash(password);
    },
    verify: (hash: string, password: string) => {
      counter.calls += 1;
      return inner.verify(hash, password);
    },
  };
  return counter;
}

export async function createIdentityWorld(startIso = '2026-11-27T15:00:00.000Z') {
  const db = await createTestDb();
  const repos = createRepositories(db.knex);
  const rateEvents = new KnexIdentityRateEventRepository(db.knex);
  const clock = fixedClock(startIso);
  const logger = createMemoryLogger();
  const hasher = countingHasher();
  const issuedPasswords: string[] = [];
  const generateTemporaryPassword = () => {
    const password = generateTemporaryPasswordForReal();
    issuedPasswords.push(password);
    return password;
  };
  const shared = {
    affiliates: repos.affiliates,
    accounts: repos.accounts,
    rateEvents,
    hasher,
    subjectKey: subjectKeyer('test-secret'),
    clock,
    logger,
  };
  return {
    db,
    repos,
    rateEvents,
    clock,
    logger,
    hasher,
    issuedPasswords,
    registration: new RegistrationService({ ...shared, consents: repos.consents, outbox: repos.outbox, generateTemporaryPassword }),
    authentication: new AuthenticationService(shared),
    recovery: new PasswordRecoveryService({ ...shared, outbox: repos.outbox, generateTemporaryPassword }),
    consents: new ConsentService({ consents: repos.consents, clock }),
    close: () => db.close(),
  };
}

export type IdentityWorld = Awaited<ReturnType<typeof createIdentityWorld>>;
