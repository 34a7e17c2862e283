// The self-service repositories on both engines (PostgreSQL when TEST_DATABASE_URL is set, as in CI).
import { expect, it } from 'vitest';
import { KnexCertificateRepository } from '../../../src/storage/repositories/knexCertificateRepository';
import { KnexPqrdsAttachmentRepository } from '../../../src/storage/repositories/knexPqrdsAttachmentRepository';
import { KnexPqrdsLookupFailureLog } from '../../../src/storage/repositories/knexPqrdsLookupFailureLog';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { describeDatabases } from '../../helpers/testDb';
import { testCode } from './selfServiceWorld';

describeDatabases('self-service repositories', ({ db }) => {
  it('records a certificate and finds it by code, with the instant and fingerprint unchanged', async () => {
    const repo = new KnexCertificateRepository(db().knex);
    const record = {
      code: testCode(7),
      kind: 'affiliation' as const,
      affiliateId: DEMO_IDS.valentina,
      requestedByAffiliateId: DEMO_IDS.mariaFernanda,
      issuedAt: new Date('2026-11-27T15:04:05.123Z'),
      sha256: 'c'.repeat(64),
    };
    await repo.record(record);
    expect(await repo.findByCode(record.code)).toEqual(record);
    expect(await repo.findByCode(testCode(8))).toBeUndefined();
    // Codes are unique: the database refuses a second row with the same code (SQLite and PostgreSQL word it
    // differently; both name the key, so another failure cannot pass for this one).
    await expect(repo.record(record)).rejects.toThrow(/UNIQUE constraint failed: certificates\.code|violates unique constraint "certificates_pkey"/);
  });

  it('keeps the PDF of a PQRDS in order and removes it with the PQRDS', async () => {
    const repo = new KnexPqrdsAttachmentRepository(db().knex);
    const pqrdsId = '7b0f8a3e-2c1d-4e5f-8a08-000000000123';
    const base = { pqrdsId, sizeBytes: 2048, sha256: 'd'.repeat(64), contentType: 'application/pdf' };
    await repo.add({ ...base, storedName: 'a.pdf', originalName: 'uno.pdf', createdAt: new Date('2026-11-27T15:00:00Z') });
    await repo.add({ ...base, storedName: 'b.pdf', originalName: 'dos.pdf', createdAt: new Date('2026-11-27T15:01:00Z') });
    expect((await repo.listByPqrds(pqrdsId)).map((a) => [a.originalName, a.sizeBytes])).toEqual([
      ['uno.pdf', 2048],
      ['dos.pdf', 2048],
    ]);
    await db().knex('pqrds').where({ id: pqrdsId }).delete();
    expect(await repo.listByPqrds(pqrdsId)).toEqual([]);
  });

  it('counts failed PQRDS lookups per key inside the window only', async () => {
    const log = new KnexPqrdsLookupFailureLog(db().knex);
    await log.record('k1', new Date('2026-11-27T14:00:00Z'));
    await log.record('k1', new Date('2026-11-27T14:30:00Z'));
    await log.record('k2', new Date('2026-11-27T14:30:00Z'));
    expect(await log.count('k1', new Date('2026-11-27T14:10:00Z'))).toBe(1);
    expect(await log.count('k1', new Date('2026-11-27T13:00:00Z'))).toBe(2);
    expect(await log.count('k3', new Date('2026-11-27T13:00:00Z'))).toBe(0);
  });
});
