import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePqrdsCode } from '../../../src/services/selfService/pqrdsService';
import { createSelfServiceFixture, SelfServiceFixture } from './selfServiceFixture';

const ANA = { type: 'CC', number: '1045678904' } as const;
const MARIA = { type: 'CC', number: '1045678901' } as const;

describe('parsePqrdsCode', () => {
  it.each([
    ['PQR-2026-000123', 'PQR-2026-000123'],
    ['pqr 2026 123', 'PQR-2026-000123'],
    ['pqr2026000123', 'PQR-2026-000123'],
    [' Pqr-2026-000123 ', 'PQR-2026-000123'],
    ['2026-000123', undefined],
    ['PQR-26-123', undefined],
    ['AUT-2026-000001', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parsePqrdsCode(input)).toBe(expected);
  });
});

describe('PqrdsService', () => {
  let f: SelfServiceFixture;
  beforeAll(async () => {
    f = await createSelfServiceFixture();
  });
  afterAll(async () => {
    await f.db.close();
  });

  it('shows status and dates of a PQRDS to whoever has its code and the petitioner’s document, nothing more', async () => {
    const view = await f.pqrds.lookup('pqr 2026 123', ANA);
    expect(view).toEqual({
      code: 'PQR-2026-000123',
      type: 'reclamo',
      status: 'en_tramite',
      filedAt: new Date('2026-11-18T15:00:00.000Z'),
      dueAt: new Date('2026-12-11T04:59:59.999Z'),
      answer: undefined,
      answeredAt: undefined,
    });
    expect(Object.keys(view!)).not.toContain('description');
    const answered = await f.pqrds.lookup('PQR-2026-000098', ANA);
    expect(answered?.answer).toMatch(/certificado de afiliación/);
  });

  it('finds nothing for an unknown code, a malformed one, or someone else’s document', async () => {
    expect(await f.pqrds.lookup('PQR-2026-000999', ANA)).toBeUndefined();
    expect(await f.pqrds.lookup('123', ANA)).toBeUndefined();
    expect(await f.pqrds.lookup('PQR-2026-000123', MARIA)).toBeUndefined();
  });

  it('files a petición with the next code and an answer due in 15 business days', async () => {
    // Friday 27 November 2026, 10:00 Bogotá: received that day; 15 business days (8 December is a holiday).
    const filed = await f.pqrds.file({ type: 'peticion', petitioner: MARIA, description: 'Solicito copia de mi historia de autorizaciones del último año.' });
    expect(filed).toMatchObject({ code: 'PQR-2026-000124', type: 'peticion', dueDate: '2026-12-21', term: { amount: 15, unit: 'business_days' } });
    expect(await f.pqrds.lookup(filed.code, MARIA)).toMatchObject({ status: 'radicada', filedAt: f.clock.now() });
  });

  it('gives a queja with vital risk 24 hours, and keeps its PDF support', async () => {
    const filed = await f.pqrds.file({
      type: 'queja',
      risk: 'vital',
      petitioner: ANA,
      description: 'No me entregan la insulina autorizada y se me acabó ayer.',
      support: { storedName: 'x.pdf', originalName: 'formula.pdf', sizeBytes: 1234, sha256: 'a'.repeat(64), contentType: 'application/pdf' },
    });
    expect(filed.code).toBe('PQR-2026-000125');
    expect(filed.dueAt).toEqual(new Date('2026-11-28T15:00:00.000Z'));
    expect(filed.term).toEqual({ amount: 24, unit: 'hours' });
    const row = await f.knex('pqrds').where({ code: filed.code }).first();
    const attachments = await f.pqrdsAttachments.listByPqrds(String(row.id));
    expect(attachments.map((a) => [a.originalName, a.sizeBytes])).toEqual([['formula.pdf', 1234]]);
  });

  it('refuses a description too short to act on', async () => {
    await expect(f.pqrds.file({ type: 'sugerencia', petitioner: ANA, description: 'mejorar' })).rejects.toMatchObject({ code: 'invalid_description' });
  });
});
