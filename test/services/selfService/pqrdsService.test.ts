import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SupportFileStore } from '../../../src/services/authorizationRequests/supportFileStore';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import {
  parsePqrdsCode,
  PqrdsService,
  PQRDS_LOOKUP_FAILURES_PER_ADDRESS,
  PQRDS_LOOKUP_FAILURES_PER_CONVERSATION,
  PQRDS_LOOKUP_FAILURES_PER_HOUR,
  type PqrdsLookup,
} from '../../../src/services/selfService/pqrdsService';
import { KnexPqrdsLookupFailureLog } from '../../../src/storage/repositories/knexPqrdsLookupFailureLog';
import { createSelfServiceWorld, SelfServiceWorld } from './selfServiceWorld';

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
  // A fresh seeded database per test: the next code is always PQR-2026-000124, whatever ran before.
  let f: SelfServiceWorld;
  beforeEach(async () => {
    f = await createSelfServiceWorld();
  });
  afterEach(async () => {
    await f.db.close();
  });

  it('shows status and dates of a PQRDS to whoever has its code and the petitioner’s document, nothing more', async () => {
    const result = await f.pqrds.lookup('pqr 2026 123', ANA);
    expect(result.found).toBe(true);
    const view = result.found ? result.pqrds : undefined;
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
    expect(answered.found && answered.pqrds.answer).toMatch(/certificado de afiliación/);
  });

  it('finds nothing for an unknown code, a malformed one, or someone else’s document', async () => {
    const notFound = { found: false, throttled: false };
    expect(await f.pqrds.lookup('PQR-2026-000999', ANA)).toEqual(notFound);
    expect(await f.pqrds.lookup('123', ANA)).toEqual(notFound);
    expect(await f.pqrds.lookup('PQR-2026-000123', MARIA)).toEqual(notFound);
  });

  it('files a petición with the next code and an answer due in 15 business days', async () => {
    // Friday 27 November 2026, 10:00 Bogotá: received that day; 15 business days (8 December is a holiday).
    const filed = await f.pqrds.file({ type: 'peticion', petitioner: MARIA, description: 'Solicito copia de mi historia de autorizaciones del último año.' });
    expect(filed).toMatchObject({ code: 'PQR-2026-000124', type: 'peticion', dueDate: '2026-12-21', term: { amount: 15, unit: 'business_days' } });
    expect(await f.pqrds.lookup(filed.code, MARIA)).toMatchObject({ found: true, pqrds: { status: 'radicada', filedAt: f.clock.now() } });
  });

  it('gives a queja with vital risk 24 hours, and keeps its PDF under a generated name', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pqrds-support-'));
    const staged = new StagedFileStore(path.join(dir, 'staged'));
    const store = new SupportFileStore(path.join(dir, 'uploads'));
    const checked: string[] = [];
    const service = new PqrdsService({
      pqrds: f.repos.pqrds,
      attachments: f.pqrdsAttachments,
      clock: f.clock,
      supports: { check: async (id) => (checked.push(id), { ok: true, size: 9, sha256: 'x' }), store, staged },
    });
    const pdf = await staged.put(Buffer.from('%PDF-1.4\n'), { declaredName: 'formula.pdf' });
    const filed = await service.file({
      type: 'queja',
      risk: 'vital',
      petitioner: ANA,
      description: 'No me entregan la insulina autorizada y se me acabó ayer.',
      support: { stagedId: pdf.id, name: 'formula.pdf' },
    });
    expect(filed.code).toBe('PQR-2026-000124');
    expect(filed.dueAt).toEqual(new Date('2026-11-28T15:00:00.000Z'));
    expect(filed.term).toEqual({ amount: 24, unit: 'hours' });
    expect(checked).toEqual([pdf.id]);
    const row = await f.knex('pqrds').where({ code: filed.code }).first();
    const [attachment] = await f.pqrdsAttachments.listByPqrds(String(row.id));
    expect(attachment).toMatchObject({ originalName: 'formula.pdf', sizeBytes: 9, sha256: pdf.sha256, contentType: 'application/pdf' });
    expect(attachment.storedName).not.toContain('formula');
    expect(await readFile(store.pathOf(attachment.storedName), 'utf8')).toBe('%PDF-1.4\n');
    expect(await staged.stat(pdf.id)).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  });

  it('files nothing when the support fails the check at filing time', async () => {
    const service = new PqrdsService({
      pqrds: f.repos.pqrds,
      attachments: f.pqrdsAttachments,
      clock: f.clock,
      supports: { check: async () => ({ ok: false, problem: 'encrypted' }), store: new SupportFileStore(tmpdir()), staged: new StagedFileStore(tmpdir()) },
    });
    const before = await f.knex('pqrds').count({ n: '*' });
    await expect(
      service.file({ type: 'reclamo', petitioner: ANA, description: 'La farmacia no tenía el medicamento formulado.', support: { stagedId: 'x', name: 'a.pdf' } }),
    ).rejects.toMatchObject({ code: 'support_encrypted' });
    expect(await f.knex('pqrds').count({ n: '*' })).toEqual(before);
  });

  it('knows the document of a logged-in petitioner', async () => {
    const service = new PqrdsService({ pqrds: f.repos.pqrds, attachments: f.pqrdsAttachments, clock: f.clock, affiliates: f.repos.affiliates });
    expect(await service.petitionerOf(DEMO_IDS.anaMilena)).toEqual(ANA);
  });

  it('refuses a description too short to act on', async () => {
    await expect(f.pqrds.file({ type: 'sugerencia', petitioner: ANA, description: 'mejorar' })).rejects.toMatchObject({ code: 'invalid_description' });
  });
});

describe('PqrdsService guessing limits', () => {
  let f: SelfServiceWorld;
  let service: PqrdsService;
  const guess = (i: number) => `PQR-2026-${String(500 + i).padStart(6, '0')}`;
  const origin = (conversation: string, address = 'ip:203.0.113.9') => ({ conversation: `webchat:${conversation}`, address });
  const throttled = (result: PqrdsLookup) => !result.found && result.throttled;
  beforeEach(async () => {
    f = await createSelfServiceWorld();
    service = new PqrdsService({
      pqrds: f.repos.pqrds,
      attachments: f.pqrdsAttachments,
      clock: f.clock,
      failures: {
        log: new KnexPqrdsLookupFailureLog(f.knex),
        subjectKey: (d) => `key:${d.type}:${d.number}`,
        origins: {
          conversation: new KnexPqrdsLookupFailureLog(f.knex, 'conversation'),
          address: new KnexPqrdsLookupFailureLog(f.knex, 'address'),
          key: (kind, value) => `${kind}:${value}`,
        },
      },
    });
  });
  afterEach(async () => {
    await f.db.close();
  });

  // Lookups that cannot say where they come from: the per-document limit holds for everyone.
  it(`after ${PQRDS_LOOKUP_FAILURES_PER_HOUR} failed lookups for a document, even the right code waits an hour`, async () => {
    for (let i = 0; i < PQRDS_LOOKUP_FAILURES_PER_HOUR; i++) {
      expect(await service.lookup(`PQR-2026-${String(200 + i).padStart(6, '0')}`, ANA)).toEqual({ found: false, throttled: false });
    }
    expect(await service.lookup('PQR-2026-000123', ANA)).toEqual({ found: false, throttled: true });
    // Another petitioner's lookups are not affected.
    expect(await service.lookup('PQR-2026-000999', MARIA)).toEqual({ found: false, throttled: false });
    f.clock.advance(3_600_001);
    expect((await service.lookup('PQR-2026-000123', ANA)).found).toBe(true);
  });

  it("a stranger's misses on Ana's document do not lock Ana out of her own lookup", async () => {
    // Misses from three conversations and addresses, up to the per-document limit.
    for (let i = 0; i < PQRDS_LOOKUP_FAILURES_PER_HOUR; i++) {
      const result = await service.lookup(guess(i), ANA, origin(`stranger-${i % 3}`, `ip:203.0.113.${i % 3}`));
      expect(throttled(result), `miss ${i}`).toBe(false);
    }
    // The stranger, who already missed, is held back…
    expect(await service.lookup('PQR-2026-000123', ANA, origin('stranger-0', 'ip:203.0.113.0'))).toEqual({ found: false, throttled: true });
    // …Ana, in her own conversation, is not.
    expect((await service.lookup('PQR-2026-000123', ANA, origin('ana', 'ip:198.51.100.7'))).found).toBe(true);
  });

  it(`one conversation gets ${PQRDS_LOOKUP_FAILURES_PER_CONVERSATION} misses an hour, whatever the documents`, async () => {
    for (let i = 0; i < PQRDS_LOOKUP_FAILURES_PER_CONVERSATION; i++) {
      expect(throttled(await service.lookup(guess(i), { type: 'CC', number: `1000000${i}` }, origin('c-1')))).toBe(false);
    }
    expect(await service.lookup('PQR-2026-000123', ANA, origin('c-1'))).toEqual({ found: false, throttled: true });
    f.clock.advance(3_600_001);
    expect((await service.lookup('PQR-2026-000123', ANA, origin('c-1'))).found).toBe(true);
  });

  it(`one address gets ${PQRDS_LOOKUP_FAILURES_PER_ADDRESS} misses an hour, however many conversations it opens`, async () => {
    for (let i = 0; i < PQRDS_LOOKUP_FAILURES_PER_ADDRESS; i++) {
      expect(throttled(await service.lookup(guess(i), { type: 'CC', number: `1000000${i}` }, origin(`c-${i}`)))).toBe(false);
    }
    expect(await service.lookup('PQR-2026-000123', ANA, origin('c-new'))).toEqual({ found: false, throttled: true });
    expect((await service.lookup('PQR-2026-000123', ANA, origin('c-new', 'ip:198.51.100.7'))).found).toBe(true);
  });
});

