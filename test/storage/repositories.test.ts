// The Knex repositories on the seeded demo data, on SQLite always and on PostgreSQL when available.
import argon2 from 'argon2';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/domain/errors';
import type { NewAuthorizationRequest } from '../../src/domain/model';
import { createRepositories } from '../../src/storage/repositories';
import { DEMO_IDS, DEMO_PASSWORD } from '../../src/storage/seeds';
import type { Repositories } from '../../src/services/ports/repositories';
import { describeDatabases } from '../helpers/testDb';

const t = (iso: string): Date => new Date(iso);

function newRequest(overrides: Partial<NewAuthorizationRequest> = {}): NewAuthorizationRequest {
  return {
    affiliateId: DEMO_IDS.anaMilena,
    filedByAccountId: DEMO_IDS.anaMilenaAccount,
    departmentCode: '08',
    municipalityCode: '08001',
    observation: 'Orden de ecografía',
    createdAt: t('2026-11-27T15:00:00.000Z'),
    dueDate: '2026-12-04',
    ...overrides,
  };
}

describeDatabases('repositories', ({ db }) => {
  let repos: Repositories;
  beforeEach(() => {
    repos = createRepositories(db().knex);
  });

  /** The last filing number of a year already in the database, so each test stands alone whatever ran before. */
  async function lastFilingSequence(year: number): Promise<number> {
    const rows = await db().knex('authorization_requests').where('filing_number', 'like', `AUT-${year}-%`).select('filing_number');
    return Math.max(0, ...rows.map((r: { filing_number: string }) => Number(r.filing_number.slice(-6))));
  }
  const filingNumber = (year: number, sequence: number): string => `AUT-${year}-${String(sequence).padStart(6, '0')}`;

  describe('affiliates', () => {
    it('lists María Fernanda’s family nucleus, head first, then oldest to youngest', async () => {
      const maria = await repos.affiliates.findByDocument('CC', '1045678901');
      expect(maria?.firstNames).toBe('María Fernanda');
      const nucleus = await repos.affiliates.listFamilyNucleus(maria!.familyNucleusId);
      expect(nucleus.map((a) => [a.firstNames, a.documentType, a.relationship])).toEqual([
        ['María Fernanda', 'CC', 'cabeza'],
        ['Carlos Andrés', 'CC', 'conyuge'],
        ['Valentina', 'TI', 'hijo'],
        ['Santiago', 'RC', 'hijo'],
      ]);
      expect(nucleus.every((a) => a.headAffiliateId === maria!.id)).toBe(true);
    });

    it('knows José Luis is retired, and an unknown document finds nobody', async () => {
      expect((await repos.affiliates.findByDocument('CC', '1045678903'))?.status).toBe('retirado');
      expect(await repos.affiliates.findByDocument('CC', '9999999999')).toBeUndefined();
      expect(await repos.affiliates.findByDocument('TI', '1045678901')).toBeUndefined();
    });

    it('updates only the contact fields given, and null clears the e-mail', async () => {
      const now = t('2026-11-27T16:00:00.000Z');
      const updated = await repos.affiliates.updateContact(
        DEMO_IDS.carlosAndres,
        { mobile: '3009998877', email: 'carlos@example.com' },
        now,
      );
      expect(updated).toMatchObject({ mobile: '3009998877', email: 'carlos@example.com', municipalityCode: '08001' });
      expect(updated.updatedAt.toISOString()).toBe(now.toISOString());
      const cleared = await repos.affiliates.updateContact(DEMO_IDS.carlosAndres, { email: null }, now);
      expect(cleared.email).toBeUndefined();
      expect(cleared.mobile).toBe('3009998877');
      await expect(repos.affiliates.updateContact('nobody', { mobile: '3000000000' }, now)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe('accounts and consents', () => {
    it('has Ana Milena registered with an argon2id hash of the demo password', async () => {
      const account = await repos.accounts.findByAffiliateId(DEMO_IDS.anaMilena);
      expect(account?.mustChangePassword).toBe(false);
      expect(account?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(await argon2.verify(account!.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(await argon2.verify(account!.passwordHash, 'cajacopi#2026')).toBe(false);
    });

    it('creates one account per affiliate and tracks failures, lock and success', async () => {
      const now = t('2026-11-27T16:00:00.000Z');
      const created = await repos.accounts.create(
        { affiliateId: DEMO_IDS.mariaFernanda, passwordHash: 'hash', mustChangePassword: true, tempPasswordExpiresAt: now },
        now,
      );
      await expect(
        repos.accounts.create({ affiliateId: DEMO_IDS.mariaFernanda, passwordHash: 'x', mustChangePassword: true }, now),
      ).rejects.toMatchObject({ code: 'account_exists' });
      await expect(
        repos.accounts.create({ affiliateId: DEMO_IDS.mariaFernanda, passwordHash: 'x', mustChangePassword: true }, now),
      ).rejects.toBeInstanceOf(ConflictError);

      const lockedUntil = t('2026-11-27T16:15:00.000Z');
      await repos.accounts.recordFailure(
        created.id,
        { failedAttempts: 3, failedAttemptsWindowStart: now, failedAttemptsInWindow: 3, lockedUntil },
        now,
      );
      expect(await repos.accounts.findById(created.id)).toMatchObject({ failedAttempts: 3, lockedUntil });
      await repos.accounts.setPassword(created.id, { passwordHash: 'chosen', mustChangePassword: false }, now);
      const afterChange = await repos.accounts.findById(created.id);
      expect(afterChange).toMatchObject({ passwordHash: 'chosen', mustChangePassword: false, failedAttempts: 0 });
      expect(afterChange?.tempPasswordExpiresAt).toBeUndefined();
      expect(afterChange?.lockedUntil).toBeUndefined();
      await repos.accounts.recordSuccess(created.id, lockedUntil);
      expect((await repos.accounts.findById(created.id))?.lastLoginAt).toEqual(lockedUntil);
    });

    it('keeps consent proofs and returns the latest of each kind', async () => {
      expect((await repos.consents.latest(DEMO_IDS.anaMilena, 'rights_charter'))?.version).toBe('2026-01');
      await repos.consents.record({
        affiliateId: DEMO_IDS.anaMilena,
        kind: 'rights_charter',
        version: '2026-11',
        acceptedAt: t('2026-11-27T16:00:00.000Z'),
        channel: 'whatsapp',
      });
      expect(await repos.consents.latest(DEMO_IDS.anaMilena, 'rights_charter')).toMatchObject({
        version: '2026-11',
        channel: 'whatsapp',
      });
      expect(await repos.consents.latest(DEMO_IDS.mariaFernanda, 'privacy_policy')).toBeUndefined();
      expect(await repos.consents.listByAffiliate(DEMO_IDS.anaMilena)).toHaveLength(3);
    });
  });

  describe('authorization requests', () => {
    it('has Ana Milena’s requests in every status, newest first', async () => {
      const requests = await repos.authorizationRequests.listByAffiliate(DEMO_IDS.anaMilena);
      expect(new Set(requests.map((r) => r.status))).toEqual(
        new Set(['radicada', 'en_revision', 'aprobada', 'rechazada', 'anulada']),
      );
      expect(requests[0]?.filingNumber).toBe('AUT-2026-000005');
      expect(requests.find((r) => r.status === 'rechazada')?.rejectionReason).toMatch(/firma/);
    });

    it('files the next number of the year with its attachments', async () => {
      const expected = filingNumber(2026, (await lastFilingSequence(2026)) + 1);
      const filed = await repos.authorizationRequests.create(newRequest(), [
        { storedName: 'a1.pdf', originalName: 'orden.pdf', sizeBytes: 1234, sha256: 'ab'.repeat(32), contentType: 'application/pdf' },
        { storedName: 'a2.pdf', originalName: 'historia.pdf', sizeBytes: 99, sha256: 'cd'.repeat(32), contentType: 'application/pdf' },
      ]);
      expect(filed).toMatchObject({ filingNumber: expected, status: 'radicada', dueDate: '2026-12-04' });
      const attachments = await repos.authorizationRequests.listAttachments(filed.id);
      expect(attachments.map((a) => [a.originalName, a.sizeBytes])).toEqual([
        ['orden.pdf', 1234],
        ['historia.pdf', 99],
      ]);
      expect(await repos.authorizationRequests.findByFilingNumber(expected.toLowerCase())).toMatchObject({ id: filed.id });
    });

    it('gives concurrent filings distinct, consecutive numbers', async () => {
      const before = await lastFilingSequence(2026);
      const filed = await Promise.all(
        Array.from({ length: 20 }, (_, i) => repos.authorizationRequests.create(newRequest({ observation: `#${i}` }), [])),
      );
      const numbers = filed.map((r) => Number(r.filingNumber.slice(-6))).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => before + 1 + i));
    });

    it('restarts numbering with the Bogotá calendar year', async () => {
      // 04:00 UTC on 1 January is still 31 December in Bogotá.
      const expected2026 = filingNumber(2026, (await lastFilingSequence(2026)) + 1);
      const expected2027 = filingNumber(2027, (await lastFilingSequence(2027)) + 1);
      const lateDecember = await repos.authorizationRequests.create(newRequest({ createdAt: t('2027-01-01T04:00:00.000Z') }), []);
      expect(lateDecember.filingNumber).toBe(expected2026);
      const newYear = await repos.authorizationRequests.create(newRequest({ createdAt: t('2027-01-01T05:00:00.000Z') }), []);
      expect(newYear.filingNumber).toBe(expected2027);
    });

    it('files once per idempotency key, even when the same turn is retried concurrently', async () => {
      const key = 'webchat:conversation-9:activity-3';
      const [a, b, c] = await Promise.all([
        repos.authorizationRequests.create(newRequest({ idempotencyKey: key }), []),
        repos.authorizationRequests.create(newRequest({ idempotencyKey: key }), []),
        repos.authorizationRequests.create(newRequest({ idempotencyKey: key }), []),
      ]);
      expect(new Set([a.id, b.id, c.id]).size).toBe(1);
      expect((await repos.authorizationRequests.findByIdempotencyKey(key))?.filingNumber).toBe(a.filingNumber);
      const next = await repos.authorizationRequests.create(newRequest(), []);
      expect(Number(next.filingNumber.slice(-6))).toBe(Number(a.filingNumber.slice(-6)) + 1);
    });

    it('changes status with justification or rejection reason', async () => {
      const filed = await repos.authorizationRequests.create(newRequest(), []);
      await repos.authorizationRequests.updateStatus(
        filed.id,
        { status: 'rechazada', rejectionReason: 'Orden vencida' },
        t('2026-11-28T12:00:00.000Z'),
      );
      expect(await repos.authorizationRequests.findById(filed.id)).toMatchObject({
        status: 'rechazada',
        rejectionReason: 'Orden vencida',
      });
      await expect(
        repos.authorizationRequests.updateStatus('nope', { status: 'aprobada' }, t('2026-11-28T12:00:00.000Z')),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('authorizations', () => {
    it('has Ana Milena’s authorizations in every status, newest first', async () => {
      const all = await repos.authorizations.listByAffiliate(DEMO_IDS.anaMilena);
      expect(all.map((a) => a.status)).toEqual(['activa', 'utilizada', 'anulada', 'vencida']);
      expect(all[0]).toMatchObject({ serviceCode: '883522', providerIpsCode: '080010000101', issuedAt: '2026-09-11' });
    });

    it.each([
      ['resonancia', ['883522', '883101']],
      ['RESONANCIA magnética', ['883522', '883101']],
      ['resonancia cerebro', ['883101']],
      ['883', ['883522', '883101']],
      ['883101', ['883101']],
      ['glucosa', ['903841']],
      ['  ', ['883522', '903841', '895100', '883101']],
      ['tomografía', []],
      ['50%', []],
    ])('filters by service "%s"', async (service, codes) => {
      const found = await repos.authorizations.listByAffiliate(DEMO_IDS.anaMilena, { service });
      expect(found.map((a) => a.serviceCode)).toEqual(codes);
    });

    it('finds by number and searches the CUPS catalogue', async () => {
      expect((await repos.authorizations.findByNumber('2026004513'))?.status).toBe('vencida');
      const mri = await repos.serviceCatalogue.search('resonancia');
      expect(mri.length).toBeGreaterThanOrEqual(5);
      expect(mri.every((s) => /^Resonancia/.test(s.name))).toBe(true);
      expect((await repos.serviceCatalogue.search('ecografia abdomen')).map((s) => s.code)).toEqual(['881302']);
      expect((await repos.serviceCatalogue.findByCode('890201'))?.name).toMatch(/medicina general/);
      expect(await repos.serviceCatalogue.list()).toHaveLength(31);
    });
  });

  describe('PQRDS', () => {
    it('finds PQR-2026-000123 only with the petitioner’s matching document', async () => {
      const found = await repos.pqrds.findByCodeAndPetitioner(' pqr-2026-000123 ', 'CC', '1045678904');
      expect(found).toMatchObject({ code: 'PQR-2026-000123', type: 'reclamo', status: 'en_tramite' });
      expect(await repos.pqrds.findByCodeAndPetitioner('PQR-2026-000123', 'CC', '1045678901')).toBeUndefined();
      expect(await repos.pqrds.findByCodeAndPetitioner('PQR-2026-000123', 'TI', '1045678904')).toBeUndefined();
      expect(await repos.pqrds.findByCodeAndPetitioner('PQR-2026-000124', 'CC', '1045678904')).toBeUndefined();
    });

    it('files new PQRDS after the demo code and records an answer', async () => {
      const filed = await repos.pqrds.create({
        type: 'queja',
        petitionerDocumentType: 'CC',
        petitionerDocumentNumber: '1045678901',
        description: 'Demora en la atención',
        createdAt: t('2026-11-27T15:00:00.000Z'),
        dueAt: t('2026-11-30T15:00:00.000Z'),
      });
      expect(filed.code).toBe('PQR-2026-000124');
      await repos.pqrds.answer(filed.id, { status: 'respondida', answer: 'Cita asignada' }, t('2026-11-28T15:00:00.000Z'));
      expect(await repos.pqrds.findByCodeAndPetitioner(filed.code, 'CC', '1045678901')).toMatchObject({
        status: 'respondida',
        answer: 'Cita asignada',
        answeredAt: t('2026-11-28T15:00:00.000Z'),
      });
    });
  });

  describe('places and IPS', () => {
    it('serves DIVIPOLA, document types and the IPS of Barranquilla', async () => {
      expect(await repos.places.listDepartments()).toHaveLength(33);
      expect(await repos.places.findMunicipality('08001')).toEqual({
        code: '08001',
        name: 'Barranquilla',
        departmentCode: '08',
      });
      expect((await repos.places.listMunicipalities('08')).map((m) => m.name)).toContain('Soledad');
      expect(await repos.places.findDepartment('00')).toBeUndefined();
      expect((await repos.places.listDocumentTypes()).map((d) => d.code)).toHaveLength(13);
      const ips = await repos.ips.listByMunicipality('08001');
      expect(ips.length).toBeGreaterThanOrEqual(3);
      expect(await repos.ips.findByCode('080010000101')).toMatchObject({ municipalityCode: '08001' });
    });
  });

  describe('outbox', () => {
    const t0 = t('2026-11-27T15:00:00.000Z');
    const at = (ms: number): Date => new Date(t0.getTime() + ms);
    beforeEach(async () => {
      await db().knex('outbox_messages').delete();
    });

    it('claims due messages once, with a lease, oldest first', async () => {
      const first = await repos.outbox.enqueue({ kind: 'sms', recipient: '3001112236', body: 'uno', createdAt: t0 });
      const second = await repos.outbox.enqueue({ kind: 'email', recipient: 'a@example.com', subject: 'S', body: 'dos', createdAt: at(1) });
      await repos.outbox.enqueue({ kind: 'sms', recipient: '3001112236', body: 'futuro', createdAt: at(60_000) });

      const claimed = await repos.outbox.claimDue(at(10), 10, 30_000);
      expect(claimed.map((m) => m.id)).toEqual([first.id, second.id]);
      expect(await repos.outbox.claimDue(at(20), 10, 30_000)).toEqual([]);
      // The lease ran out without a mark (a crashed worker): the messages come back.
      expect(await repos.outbox.claimDue(at(30_010), 2, 30_000)).toHaveLength(2);
    });

    it('never hands the same message to two concurrent claimers', async () => {
      for (let i = 0; i < 10; i++) {
        await repos.outbox.enqueue({ kind: 'sms', recipient: '3001112236', body: `m${i}`, createdAt: at(i) });
      }
      const [a, b] = await Promise.all([repos.outbox.claimDue(at(100), 6), repos.outbox.claimDue(at(100), 6)]);
      const ids = [...a, ...b].map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(10);
    });

    it('backs off exponentially after failures, gives up at the limit, and stops after sent', async () => {
      const m = await repos.outbox.enqueue({ kind: 'sms', recipient: '3001112236', body: 'x', createdAt: t0 });
      const once = await repos.outbox.markFailed(m.id, 'gateway_timeout', at(0), 3);
      expect(once).toMatchObject({ status: 'pending', attempts: 1, lastError: 'gateway_timeout' });
      expect(once.nextAttemptAt).toEqual(at(30_000));
      expect(await repos.outbox.claimDue(at(29_999), 10)).toEqual([]);
      expect(await repos.outbox.claimDue(at(30_000), 10)).toHaveLength(1);
      const twice = await repos.outbox.markFailed(m.id, 'gateway_500', at(30_000), 3);
      expect(twice.nextAttemptAt).toEqual(at(30_000 + 60_000));
      const third = await repos.outbox.markFailed(m.id, 'gateway_500', at(90_000), 3);
      expect(third).toMatchObject({ status: 'failed', attempts: 3 });
      expect(await repos.outbox.claimDue(at(10_000_000), 10)).toEqual([]);

      const ok = await repos.outbox.enqueue({ kind: 'email', recipient: 'b@example.com', body: 'y', createdAt: t0 });
      await repos.outbox.markSent(ok.id, at(5));
      expect(await repos.outbox.findById(ok.id)).toMatchObject({ status: 'sent', attempts: 1, sentAt: at(5) });
      expect(await repos.outbox.claimDue(at(10_000_000), 10)).toEqual([]);
    });

    it('keeps one message per dedup key and lists by recipient', async () => {
      const a = await repos.outbox.enqueue({ kind: 'sms', recipient: '3001112236', body: 'clave', dedupKey: 'k1', createdAt: t0 });
      const b = await repos.outbox.enqueue({ kind: 'sms', recipient: '3001112236', body: 'clave', dedupKey: 'k1', createdAt: at(5) });
      expect(b.id).toBe(a.id);
      expect(await repos.outbox.list({ recipient: '3001112236' })).toHaveLength(1);
      expect(await repos.outbox.list({ kind: 'email' })).toEqual([]);
    });
  });

  describe('conversation references', () => {
    it('keeps one reference per conversation, replaced on upsert', async () => {
      const key = 'webchat:conv-1';
      await repos.conversationReferences.upsert({
        conversationKey: key,
        channel: 'webchat',
        reference: { conversation: { id: 'conv-1' }, serviceUrl: 'http://x' },
        updatedAt: t('2026-11-27T15:00:00.000Z'),
      });
      await repos.conversationReferences.upsert({
        conversationKey: key,
        channel: 'webchat',
        reference: { conversation: { id: 'conv-1' }, serviceUrl: 'http://y', list: [1, 2] },
        affiliateId: DEMO_IDS.anaMilena,
        updatedAt: t('2026-11-27T15:05:00.000Z'),
      });
      expect(await repos.conversationReferences.find(key)).toEqual({
        conversationKey: key,
        channel: 'webchat',
        reference: { conversation: { id: 'conv-1' }, serviceUrl: 'http://y', list: [1, 2] },
        affiliateId: DEMO_IDS.anaMilena,
        updatedAt: t('2026-11-27T15:05:00.000Z'),
      });
      expect(await repos.conversationReferences.listByAffiliate(DEMO_IDS.anaMilena)).toHaveLength(1);
      expect(await repos.conversationReferences.find('nope')).toBeUndefined();
    });
  });
});
