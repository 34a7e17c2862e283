import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANA, createIdentityWorld, UNKNOWN, type IdentityWorld } from './identityWorld';

let f: IdentityWorld;
beforeEach(async () => {
  f = await createIdentityWorld();
});
afterEach(async () => {
  await f.close();
});

const HOUR = 60 * 60_000;

describe('SMS limits per document', () => {
  it('sends at most 3 recovery SMS an hour and 5 a day, with the same replies for an unknown document', async () => {
    const outcomes: string[] = [];
    const unknownOutcomes: string[] = [];
    for (const advance of [0, 1, 1, HOUR, 1, 1, 1, HOUR, 1]) {
      f.clock.advance(advance);
      outcomes.push((await f.recovery.requestRecovery(ANA.document, ANA.issueDate)).kind);
      unknownOutcomes.push((await f.recovery.requestRecovery(UNKNOWN.document, UNKNOWN.issueDate)).kind);
    }
    expect(unknownOutcomes).toEqual(outcomes);
    expect(outcomes).toEqual([
      'accepted', 'accepted', 'accepted', // 3 in the first hour
      'accepted', 'accepted', 'too_many_requests', 'too_many_requests', // 2 more: 5 in the day
      'too_many_requests', 'too_many_requests', // the day is not over
    ]);
    expect(await f.repos.outbox.list({ kind: 'sms', recipient: ANA.mobile })).toHaveLength(5);
    f.clock.advance(24 * HOUR);
    expect((await f.recovery.requestRecovery(ANA.document, ANA.issueDate)).kind).toBe('accepted');
  });

  it('each recovery SMS carries a fresh temporary password; only the newest opens the account', async () => {
    await f.recovery.requestRecovery(ANA.document, ANA.issueDate);
    const [first] = f.issuedPasswords.slice(-1);
    f.clock.advance(1_000);
    await f.recovery.requestRecovery(ANA.document, ANA.issueDate);
    const [second] = f.issuedPasswords.slice(-1);
    expect((await f.authentication.login(ANA.document, first)).kind).toBe('invalid');
    expect(await f.authentication.login(ANA.document, second)).toMatchObject({ kind: 'ok', mustChangePassword: true });
  });
});
