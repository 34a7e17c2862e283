import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILING_NUMBER_PATTERN } from '../../../src/domain/model';
import { FilingInput } from '../../../src/services/authorizationRequests/authorizationFilingService';
import { jpegBytes, pdfWithPages, smallPdf } from '../../helpers/pdfCorpus';
import { DEMO_IDS, filingWorld, sha256 } from './filingWorld';

let PDF: Buffer;
let OTHER_PDF: Buffer;
beforeAll(async () => {
  PDF = await smallPdf();
  OTHER_PDF = await pdfWithPages(2);
});

async function input(world: Awaited<ReturnType<typeof filingWorld>>, over: Partial<FilingInput> = {}, files = [PDF]): Promise<FilingInput> {
  const supports = [];
  for (const [i, bytes] of files.entries()) {
    const info = await world.staged.put(bytes, { declaredType: 'application/pdf', declaredName: `orden-${i + 1}.pdf` });
    supports.push({ stagedId: info.id, originalName: `orden-${i + 1}.pdf` });
  }
  return {
    accountId: world.accountId,
    requesterAffiliateId: DEMO_IDS.mariaFernanda,
    memberAffiliateId: DEMO_IDS.valentina,
    municipalityCode: '08001',
    observation: 'Resonancia magnética de rodilla derecha ordenada por ortopedia.',
    supports,
    idempotencyKey: 'aut:test-key-1',
    ...over,
  };
}

describe('filing an authorization request', () => {
  it('files with an AUT-YYYY-NNNNNN number, keeps each PDF under a generated name with its size and SHA-256, and clears the staging area', async () => {
    const world = await filingWorld();
    const request = await input(world, {}, [PDF, OTHER_PDF]);
    const filed = await world.filing.file(request);

    expect(filed.request.filingNumber).toMatch(FILING_NUMBER_PATTERN);
    expect(filed.request.filingNumber.startsWith('AUT-2026-')).toBe(true);
    expect(filed.duplicate).toBe(false);
    // Friday 27 Nov 2026 10:00 Bogotá: 2 business days → Tue 1 Dec, 5 → Fri 4 Dec.
    expect(filed.earliestDate).toBe('2026-12-01');
    expect(filed.dueDate).toBe('2026-12-04');
    expect(filed.request).toMatchObject({ affiliateId: DEMO_IDS.valentina, departmentCode: '08', municipalityCode: '08001', status: 'radicada' });

    // The repository orders attachments of one filing by id (same created_at): sort by name to compare.
    const stored = (await world.repos.authorizationRequests.listAttachments(filed.request.id)).sort((x, y) => x.originalName.localeCompare(y.originalName));
    expect(stored.map((a) => a.originalName)).toEqual(['orden-1.pdf', 'orden-2.pdf']);
    for (const [i, bytes] of [PDF, OTHER_PDF].entries()) {
      expect(stored[i].storedName).toMatch(/^[0-9a-f-]{36}\.pdf$/);
      expect(stored[i].sizeBytes).toBe(bytes.length);
      expect(stored[i].sha256).toBe(sha256(bytes));
      const onDisk = await readFile(path.join(world.uploadDir, stored[i].storedName));
      expect(sha256(onDisk)).toBe(stored[i].sha256);
    }
    expect(await world.uploadedFiles()).toHaveLength(2);
    for (const s of request.supports) expect(await world.staged.stat(s.stagedId)).toBeUndefined();
  });

  it('queues an SMS and an e-mail of the filing; a child without contact data is notified through the filer', async () => {
    const world = await filingWorld();
    const filed = await world.filing.file(await input(world));
    expect(filed.notifiedBy).toEqual(['sms', 'email']);
    const [sms] = await world.repos.outbox.list({ kind: 'sms', recipient: '3001112233' });
    expect(sms.body).toContain(filed.request.filingNumber);
    expect(sms.body).toContain('viernes 4 de diciembre de 2026');
    // The SMS names the member by initials only and never says what was requested.
    expect(sms.body).toContain('Valentina R. P.');
    expect(sms.body).not.toMatch(/Resonancia|Ruiz/);
    const [mail] = await world.repos.outbox.list({ kind: 'email', recipient: 'mafe.perez@example.com' });
    expect(mail.subject).toContain(filed.request.filingNumber);
    expect(mail.body).toContain('martes 1 de diciembre de 2026');
  });

  it('a retried confirmation with the same key returns the first filing and sends nothing twice', async () => {
    const world = await filingWorld();
    const before = (await world.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina)).length;
    const first = await world.filing.file(await input(world));
    const again = await world.filing.file(await input(world));
    expect(again.duplicate).toBe(true);
    expect(again.request.filingNumber).toBe(first.request.filingNumber);
    expect(await world.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina)).toHaveLength(before + 1);
    expect(await world.repos.outbox.list({ kind: 'sms', recipient: '3001112233' })).toHaveLength(1);
    expect(await world.uploadedFiles()).toHaveLength(1);
  });

  it('two concurrent confirmations with the same key file one request', async () => {
    // Both calls pass the "already filed?" lookup before either inserts: the race the unique key must win.
    let arrived = 0;
    let release!: () => void;
    const bothArrived = new Promise<void>((resolve) => (release = resolve));
    const world = await filingWorld({
      wrapRequests: (r) => ({
        findByIdempotencyKey: (k) => r.findByIdempotencyKey(k),
        listAttachments: (id) => r.listAttachments(id),
        create: async (req, atts) => {
          if (++arrived === 2) release();
          await bothArrived;
          return r.create(req, atts);
        },
      }),
    });
    const request = await input(world);
    const before = (await world.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina)).length;
    const [a, b] = await Promise.all([world.filing.file(request), world.filing.file(request)]);
    expect(a.request.filingNumber).toBe(b.request.filingNumber);
    expect(arrived).toBe(2);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(await world.repos.authorizationRequests.listByAffiliate(DEMO_IDS.valentina)).toHaveLength(before + 1);
    expect(await world.repos.authorizationRequests.listAttachments(a.request.id)).toHaveLength(1);
    // The loser's copy is discarded: only the filed PDF stays on disk.
    expect(await world.uploadedFiles()).toHaveLength(1);
    expect(await world.repos.outbox.list({ kind: 'sms', recipient: '3001112233' })).toHaveLength(1);
    expect(await world.repos.outbox.list({ kind: 'email', recipient: 'mafe.perez@example.com' })).toHaveLength(1);
  });

  it('different confirmations get consecutive numbers', async () => {
    const world = await filingWorld();
    const a = await world.filing.file(await input(world, { idempotencyKey: 'aut:k1' }));
    const b = await world.filing.file(await input(world, { idempotencyKey: 'aut:k2' }));
    expect(Number(b.request.filingNumber.slice(-6))).toBe(Number(a.request.filingNumber.slice(-6)) + 1);
  });

  it.each([
    ['an observation under 10 characters', { observation: '  corto   ' }, 'observation_length'],
    ['an observation over 1000 characters', { observation: 'x'.repeat(1001) }, 'observation_length'],
    ['no supports', { supports: [] }, 'no_supports'],
    ['a member of another family', { memberAffiliateId: DEMO_IDS.anaMilena }, 'not_in_nucleus'],
    ['a municipality that does not exist', { municipalityCode: '99999' }, 'unknown_municipality'],
  ])('refuses %s and files nothing', async (_label, over, code) => {
    const world = await filingWorld();
    const base = await input(world);
    await expect(world.filing.file({ ...base, ...over })).rejects.toMatchObject({ code });
    expect(await world.repos.authorizationRequests.findByIdempotencyKey(base.idempotencyKey)).toBeUndefined();
    expect(await world.uploadedFiles()).toEqual([]);
  });

  it('refuses a support that is not a PDF, whatever its name says', async () => {
    const world = await filingWorld();
    const request = await input(world, {}, [PDF, jpegBytes()]);
    await expect(world.filing.file(request)).rejects.toMatchObject({ code: 'support_rejected', index: 1, problem: 'not_pdf' });
    expect(await world.uploadedFiles()).toEqual([]);
  });

  it('refuses a member whose affiliation is not active', async () => {
    const world = await filingWorld();
    await world.db.knex('affiliates').where({ id: DEMO_IDS.valentina }).update({ status: 'suspendido' });
    await expect(world.filing.file(await input(world))).rejects.toMatchObject({ code: 'member_inactive' });
  });
});
