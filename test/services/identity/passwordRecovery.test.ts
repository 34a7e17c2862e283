// "Olvidé mi contraseña" must not become a way to lock someone out: anyone who knows a document and its
// issue date can ask for a reset, so the current password keeps working until the temporary one is used.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANA, createIdentityWorld, type IdentityWorld } from './identityWorld';

let f: IdentityWorld;
beforeEach(async () => {
  f = await createIdentityWorld();
});
afterEach(async () => {
  await f.close();
});

async function requestTemporaryPassword(): Promise<string> {
  expect((await f.recovery.requestRecovery(ANA.document, ANA.issueDate)).kind).toBe('accepted');
  const sms = await f.repos.outbox.list({ kind: 'sms', recipient: ANA.mobile });
  const temporary = f.issuedPasswords.at(-1)!;
  expect(sms[0]?.body).toContain(temporary);
  return temporary;
}

describe('password recovery keeps the owner in', () => {
  it('a reset request leaves the current password working, and the owner using it drops the reset', async () => {
    const temporary = await requestTemporaryPassword();
    expect(await f.authentication.login(ANA.document, ANA.password)).toMatchObject({ kind: 'ok', mustChangePassword: false });
    expect((await f.authentication.login(ANA.document, temporary)).kind).toBe('invalid');
  });

  it('the temporary password works once, asks for a new password, and the old one still works meanwhile', async () => {
    const temporary = await requestTemporaryPassword();
    expect(await f.authentication.login(ANA.document, temporary)).toMatchObject({ kind: 'ok', mustChangePassword: true });
    expect((await f.authentication.login(ANA.document, temporary)).kind).toBe('invalid');
    expect((await f.authentication.login(ANA.document, ANA.password)).kind).toBe('ok');
  });

  it('choosing a new password after the temporary one replaces the old password', async () => {
    const temporary = await requestTemporaryPassword();
    const login = await f.authentication.login(ANA.document, temporary);
    if (login.kind !== 'ok') throw new Error(`expected ok, got ${login.kind}`);
    expect(await f.authentication.changePassword(login.accountId, 'Girasol-Amarillo-77')).toBe('changed');
    expect((await f.authentication.login(ANA.document, ANA.password)).kind).toBe('invalid');
    expect((await f.authentication.login(ANA.document, 'Girasol-Amarillo-77')).kind).toBe('ok');
  });

  it('the temporary password expires after 30 minutes; the current one is untouched', async () => {
    const temporary = await requestTemporaryPassword();
    f.clock.advance(30 * 60_000 + 1);
    expect((await f.authentication.login(ANA.document, temporary)).kind).toBe('temp_expired');
    expect((await f.authentication.login(ANA.document, ANA.password)).kind).toBe('ok');
  });

  it('two logins racing with the same temporary password: only one gets in', async () => {
    const temporary = await requestTemporaryPassword();
    const outcomes = await Promise.all([f.authentication.login(ANA.document, temporary), f.authentication.login(ANA.document, temporary)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['invalid', 'ok']);
  });
});
