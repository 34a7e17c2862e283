import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/observability/logger';
import { createIdentityServices } from '../../../src/services/identity/identityServices';
import { RateEventPruner } from '../../../src/services/identity/rateEventPruner';
import { createIdentityWorld, MARIA, type IdentityWorld } from './identityWorld';

let f: IdentityWorld;
beforeEach(async () => {
  f = await createIdentityWorld();
});
afterEach(async () => {
  await f.close();
});

describe('identity services as the composition root builds them', () => {
  it('register with a real random temporary password, then log in with it', async () => {
    const services = createIdentityServices({ repositories: f.repos, rateEvents: f.rateEvents, clock: f.clock, logger: createMemoryLogger(), secret: 'x'.repeat(32) });
    expect((await services.registration.register({ ...MARIA, privacyPolicyVersion: '2026-01', channel: 'webchat' })).kind).toBe('registered');
    const [sms] = await f.repos.outbox.list({ kind: 'sms' });
    const temporary = /Contraseña temporal: (\S+)/.exec(sms.body)![1];
    expect(temporary).toMatch(/^[A-Za-z2-9]{10}$/);
    expect(await services.authentication.login(MARIA.document, temporary)).toMatchObject({ kind: 'ok', mustChangePassword: true });
  });

  it('prunes rate events older than two days, keeping the ones limits still count', async () => {
    const now = f.clock.now().getTime();
    await f.rateEvents.record('sms_request', 'k', new Date(now - 3 * 24 * 60 * 60_000));
    await f.rateEvents.record('sms_request', 'k', new Date(now - 60_000));
    const pruner = new RateEventPruner({ rateEvents: f.rateEvents, clock: f.clock });
    expect(await pruner.pruneOnce()).toBe(1);
    expect(await f.rateEvents.count('sms_request', 'k', new Date(0))).toBe(1);
  });
});
