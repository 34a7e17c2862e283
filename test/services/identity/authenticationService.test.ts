import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../../src/storage/seeds/demoSet';
import { ANA, createIdentityWorld, JOSE, MARIA, UNKNOWN, type IdentityWorld } from './identityWorld';

let f: IdentityWorld;
beforeEach(async () => {
  f = await createIdentityWorld();
});
afterEach(async () => {
  await f.close();
});

describe('login', () => {
  it('logs Ana Milena in and resets her counters', async () => {
    await f.authentication.login(ANA.document, 'wrong');
    const outcome = await f.authentication.login(ANA.document, ANA.password);
    expect(outcome).toMatchObject({ kind: 'ok', affiliateId: DEMO_IDS.anaMilena, firstNames: 'Ana Milena', mustChangePassword: false });
    expect((await f.repos.accounts.findByAffiliateId(DEMO_IDS.anaMilena))?.failedAttempts).toBe(0);
  });

  it('checks the limits before hashing: a blocked try costs no argon2 work', async () => {
    await f.authentication.login({ type: 'CC', number: '1012345678' }, 'x'); // makes the decoy hash once
    for (let i = 0; i < 5; i++) expect((await f.authentication.login(ANA.document, `wrong-${i}`)).kind).toBe('invalid');
    const before = f.hasher.calls;
    expect(await f.authentication.login(ANA.document, ANA.password)).toEqual({ kind: 'locked', retryAfterMs: 30_000 });
    expect(await f.authentication.login(UNKNOWN.document, 'x')).toEqual({ kind: 'invalid' });
    expect(f.hasher.calls).toBe(before + 1); // only the unknown document's decoy check
  });

  it('applies the same waits to a document without an account', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) {
      const [real, unknown] = [await f.authentication.login(ANA.document, 'wrong'), await f.authentication.login(UNKNOWN.document, 'wrong')];
      expect(unknown).toEqual(real);
      seen.push(JSON.stringify(real));
      f.clock.advance(10_000);
    }
    expect(seen[4]).toBe(JSON.stringify({ kind: 'invalid', retryAfterMs: 30_000 }));
    expect(seen[5]).toBe(JSON.stringify({ kind: 'locked', retryAfterMs: 20_000 }));
  });

  it('waits grow with every failure after the fifth, up to 15 minutes', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      const outcome = await f.authentication.login(ANA.document, 'wrong');
      expect(outcome.kind).toBe('invalid');
      const wait = (outcome as { retryAfterMs?: number }).retryAfterMs ?? 0;
      waits.push(wait / 1000);
      f.clock.advance(wait);
    }
    expect(waits).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
  });

  it('does not let a Retirado affiliate with a password in, and says so only after the password is right', async () => {
    // José Luis has no account: a wrong guess looks like any other.
    expect(await f.authentication.login(JOSE.document, 'anything')).toEqual({ kind: 'invalid' });
    await f.db.knex('affiliates').where({ id: DEMO_IDS.anaMilena }).update({ status: 'retirado' });
    expect(await f.authentication.login(ANA.document, 'wrong')).toEqual({ kind: 'invalid' });
    expect(await f.authentication.login(ANA.document, ANA.password)).toEqual({ kind: 'not_active' });
  });

  it('refuses to keep the temporary password as the new one', async () => {
    await f.registration.register({ ...MARIA, privacyPolicyVersion: '2026-01', channel: 'test' });
    const temporary = f.issuedPasswords.at(-1)!;
    const login = await f.authentication.login(MARIA.document, temporary);
    expect(login).toMatchObject({ kind: 'ok', mustChangePassword: true });
    const accountId = (login as { accountId: string }).accountId;
    expect(await f.authentication.changePassword(accountId, temporary)).toBe('same_as_current');
    expect(await f.authentication.changePassword(accountId, 'una frase larga y mía')).toBe('changed');
    expect(await f.authentication.login(MARIA.document, temporary)).toEqual({ kind: 'invalid' });
  });
});

describe('re-authentication', () => {
  it('shares the login counters: failures there count toward the same waits', async () => {
    for (let i = 0; i < 5; i++) expect(await f.authentication.verifyPassword(DEMO_IDS.anaMilenaAccount, 'wrong')).toBe('invalid');
    expect(await f.authentication.verifyPassword(DEMO_IDS.anaMilenaAccount, ANA.password)).toBe('locked');
    expect((await f.authentication.login(ANA.document, ANA.password)).kind).toBe('locked');
    f.clock.advance(30_000);
    expect(await f.authentication.verifyPassword(DEMO_IDS.anaMilenaAccount, ANA.password)).toBe('ok');
  });
});
