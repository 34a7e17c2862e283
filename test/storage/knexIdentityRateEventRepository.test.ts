import { expect, it } from 'vitest';
import { KnexIdentityRateEventRepository } from '../../src/storage/repositories/knexIdentityRateEventRepository';
import { describeDatabases } from '../helpers/testDb';

describeDatabases(
  'identity rate events',
  ({ db }) => {
    it('counts per scope and subject since an instant, finds the newest, prunes the old', async () => {
      const repo = new KnexIdentityRateEventRepository(db().knex);
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 15, minute));
      for (const m of [0, 10, 20]) await repo.record('sms_request', 'subject-a', at(m));
      await repo.record('sms_request', 'subject-b', at(30));
      await repo.record('login_failure', 'subject-a', at(40));

      expect(await repo.count('sms_request', 'subject-a', at(0))).toBe(3);
      expect(await repo.count('sms_request', 'subject-a', at(10))).toBe(2);
      expect(await repo.count('sms_request', 'subject-a', at(21))).toBe(0);
      expect(await repo.latest('sms_request', 'subject-a')).toEqual(at(20));
      expect(await repo.latest('register_failure', 'subject-a')).toBeUndefined();

      expect(await repo.pruneBefore(at(15))).toBe(2);
      expect(await repo.count('sms_request', 'subject-a', at(0))).toBe(1);
    });
  },
  { seed: 'none' },
);
