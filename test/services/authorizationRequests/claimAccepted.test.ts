// A support the check accepts is claimed (it outlives the quick sweep of unrequested files); a refused
// one is not.
import { describe, expect, it } from 'vitest';
import { claimWhenAccepted } from '../../../src/services/authorizationRequests/claimAccepted';

describe('claimWhenAccepted', () => {
  it('claims accepted supports only', async () => {
    const claimed: string[] = [];
    const check = claimWhenAccepted(
      async (id) => (id === 'bueno' ? { ok: true, size: 10, sha256: 'x' } : { ok: false, problem: 'not_pdf' }),
      { claim: async (id) => void claimed.push(id) },
    );
    expect(await check('bueno')).toMatchObject({ ok: true });
    expect(await check('malo')).toEqual({ ok: false, problem: 'not_pdf' });
    expect(claimed).toEqual(['bueno']);
  });
});
