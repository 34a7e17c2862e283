import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../../src/storage/seeds/demoSet';
import { MAX_REGISTRATION_FAILURES_PER_HOUR, type RegistrationRequest } from '../../../src/services/identity/registrationService';
import { ANA, createIdentityWorld, JOSE, MARIA, UNKNOWN, type IdentityWorld } from './identityWorld';

let f: IdentityWorld;
beforeEach(async () => {
  f = await createIdentityWorld();
});
afterEach(async () => {
  await f.close();
});

function request(person: { document: { type: 'CC'; number: string }; mobile: string; issueDate: string }, changes: Partial<RegistrationRequest> = {}): RegistrationRequest {
  return { document: person.document, mobile: person.mobile, issueDate: person.issueDate, privacyPolicyVersion: '2026-01', channel: 'webchat', ...changes };
}

describe('registration', () => {
  it('registers María Fernanda: account with a temporary password, consent proof, one SMS to the mobile on file', async () => {
    const outcome = await f.registration.register(request(MARIA));
    expect(outcome).toEqual({ kind: 'registered', mobileLastDigits: '2233', tempPasswordTtlMinutes: 30 });

    const account = await f.repos.accounts.findByAffiliateId(DEMO_IDS.mariaFernanda);
    expect(account?.mustChangePassword).toBe(true);
    expect(account?.tempPasswordExpiresAt?.toISOString()).toBe('2026-11-27T15:30:00.000Z');
    expect(account?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);

    const consent = await f.repos.consents.latest(DEMO_IDS.mariaFernanda, 'privacy_policy');
    expect(consent).toMatchObject({ version: '2026-01', channel: 'webchat', acceptedAt: f.clock.now() });

    const sms = await f.repos.outbox.list({ kind: 'sms' });
    expect(sms).toHaveLength(1);
    expect(sms[0].recipient).toBe('3001112233');
    expect(sms[0].body).toContain(f.issuedPasswords.at(-1));
    expect(sms[0].body.length).toBeLessThanOrEqual(160);
  });

  it('sends the SMS to the mobile on file, never to a typed one (they must be equal to register at all)', async () => {
    await f.registration.register(request(MARIA, { mobile: '+57 300 111 2233' }));
    const sms = await f.repos.outbox.list({ kind: 'sms' });
    expect(sms.map((m) => m.recipient)).toEqual(['3001112233']);
  });

  it('says "already registered" only when every factor of a registered person matches', async () => {
    expect(await f.registration.register(request(ANA))).toEqual({ kind: 'already_registered' });
    expect(await f.registration.register(request(ANA, { issueDate: '2012-01-10' }))).toEqual({ kind: 'not_verified' });
  });

  it('gives the same outcome for unknown, inactive, registered-but-mismatched and mismatching documents', async () => {
    const outcomes = [
      await f.registration.register(request(UNKNOWN)),
      await f.registration.register(request(JOSE)),
      await f.registration.register(request(ANA, { mobile: '3001112299' })),
      await f.registration.register(request(MARIA, { mobile: '3001112234' })),
      await f.registration.register(request(MARIA, { issueDate: '2008-03-15' })),
    ];
    for (const outcome of outcomes) expect(outcome).toEqual({ kind: 'not_verified' });
    expect(await f.repos.outbox.list()).toHaveLength(0);
    expect(await f.repos.accounts.findByAffiliateId(DEMO_IDS.joseLuis)).toBeUndefined();
  });

  it('stops checking a document after 5 failures in an hour, the same for unknown and real documents', async () => {
    for (const person of [UNKNOWN, MARIA]) {
      for (let i = 0; i < MAX_REGISTRATION_FAILURES_PER_HOUR; i++) {
        expect(await f.registration.register(request(person, { issueDate: '1999-01-01' }))).toEqual({ kind: 'not_verified' });
      }
      // Now even the right data is not checked.
      expect(await f.registration.register(request(person))).toEqual({ kind: 'too_many_attempts' });
    }
    f.clock.advance(61 * 60_000);
    expect((await f.registration.register(request(MARIA))).kind).toBe('registered');
  });

  it('never logs the temporary password, the document or the mobile', async () => {
    await f.registration.register(request(MARIA));
    await f.registration.register(request(UNKNOWN));
    const log = f.logger.lines.join('\n');
    expect(f.issuedPasswords.length).toBeGreaterThan(0);
    for (const secret of [...f.issuedPasswords, '1045678901', '1099999999', '3001112233']) expect(log).not.toContain(secret);
  });
});
