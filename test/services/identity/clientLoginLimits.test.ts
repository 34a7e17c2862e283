// Guessing across accounts: one client trying one password on many documents trips no account's limit, so
// logins are limited by where they come from too — without letting strangers lock the owners out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientOrigin } from '../../../src/domain/clientOrigin';
import { AuthenticationService } from '../../../src/services/identity/authenticationService';
import { ClientLoginLimits, LOGIN_ADDRESS_THROTTLE } from '../../../src/services/identity/clientLoginLimits';
import { subjectKeyer } from '../../../src/services/identity/subjectKey';
import { ANA, createIdentityWorld, type IdentityWorld } from './identityWorld';

let f: IdentityWorld;
beforeEach(async () => {
  f = await createIdentityWorld();
});
afterEach(async () => {
  await f.close();
});

const stranger: ClientOrigin = { conversation: 'webchat:c-1', address: 'ip:203.0.113.9' };
const owner: ClientOrigin = { conversation: 'webchat:c-2', address: 'ip:198.51.100.7' };
const unknownDocument = (i: number) => ({ type: 'CC' as const, number: `10999990${String(i).padStart(2, '0')}` });

function service(globalFailuresPerHour?: number): AuthenticationService {
  return new AuthenticationService({
    affiliates: f.repos.affiliates,
    accounts: f.repos.accounts,
    rateEvents: f.rateEvents,
    hasher: f.hasher,
    subjectKey: subjectKeyer('test-secret'),
    clock: f.clock,
    logger: f.logger,
    clientLimits: new ClientLoginLimits(f.rateEvents, 'test-secret', globalFailuresPerHour),
  });
}

describe('login limits by client', () => {
  it('one address spraying a password over many documents is slowed down before any hashing; others are not', async () => {
    const auth = service();
    for (let i = 0; i < LOGIN_ADDRESS_THROTTLE.freeFailures; i++) {
      expect((await auth.login(unknownDocument(i), 'Verano2026!', stranger)).kind).toBe('invalid');
    }
    const hashesBefore = f.hasher.calls;
    const slowed = await auth.login(unknownDocument(50), 'Verano2026!', stranger);
    expect(slowed).toEqual({ kind: 'slowed', retryAfterMs: LOGIN_ADDRESS_THROTTLE.baseDelayMs });
    // Even the right password of a real account waits: the limit is on the client, not the document.
    expect((await auth.login(ANA.document, ANA.password, stranger)).kind).toBe('slowed');
    expect(f.hasher.calls).toBe(hashesBefore);
    // Ana from her own phone is not held back, and her account took none of the stranger's failures.
    expect(await auth.login(ANA.document, ANA.password, owner)).toMatchObject({ kind: 'ok' });
    // A slow-down: after the wait the stranger may try again.
    f.clock.advance(LOGIN_ADDRESS_THROTTLE.baseDelayMs);
    expect((await auth.login(unknownDocument(51), 'Verano2026!', stranger)).kind).toBe('invalid');
  });

  it('past the global limit, addresses that already failed wait; a fresh address still logs in', async () => {
    const auth = service(5);
    for (let i = 0; i < 5; i++) {
      const origin = { conversation: `webchat:s-${i}`, address: `ip:203.0.113.${i}` };
      expect((await auth.login(unknownDocument(i), 'Verano2026!', origin)).kind).toBe('invalid');
    }
    const again = await auth.login(unknownDocument(9), 'Verano2026!', { conversation: 'webchat:s-0', address: 'ip:203.0.113.0' });
    expect(again.kind).toBe('slowed');
    expect(await auth.login(ANA.document, ANA.password, owner)).toMatchObject({ kind: 'ok' });
    f.clock.advance(60 * 60_000 + 1);
    expect((await auth.login(unknownDocument(9), 'Verano2026!', { conversation: 'webchat:s-0', address: 'ip:203.0.113.0' })).kind).toBe('invalid');
  });

  it('the app wires the limits: login() with an origin is limited', async () => {
    const { createIdentityServices } = await import('../../../src/services/identity/identityServices');
    const services = createIdentityServices({ repositories: f.repos, rateEvents: f.rateEvents, clock: f.clock, logger: f.logger, secret: 'x'.repeat(32), hasher: f.hasher });
    for (let i = 0; i < LOGIN_ADDRESS_THROTTLE.freeFailures; i++) await services.authentication.login(unknownDocument(i), 'x', stranger);
    expect((await services.authentication.login(unknownDocument(60), 'x', stranger)).kind).toBe('slowed');
  });
});
