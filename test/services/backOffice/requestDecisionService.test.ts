// Deciding requests and answering PQRDS on both engines: what is written, what the affiliate is sent, and
// what is refused (a second, different decision; bad terms; a closed PQRDS).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { decodeChatNotice } from '../../../src/services/backOffice/affiliateNotices';
import { createTestDb, testEngines, type TestDb } from '../../helpers/testDb';
import { APPROVAL, AUTORIZADOR, backOfficeWorld } from './backOfficeWorld';

for (const { engine, skipReason } of testEngines()) {
describe.skipIf(skipReason)(`request decisions [${engine}]${skipReason ? ` — ${skipReason}` : ''}`, () => {
  // Each test decides on the same demo requests: a fresh database each.
  let current: TestDb;
  const db = () => current;
  beforeEach(async () => {
    current = await createTestDb({ engine });
  });
  afterEach(async () => {
    await current.close();
  });

  it('approving issues an authorization, audits it and queues SMS, e-mail and chat once', async () => {
    const w = backOfficeWorld(db());
    const outcome = await w.decisions.decide(AUTORIZADOR, 'AUT-2026-000005', APPROVAL);
    expect(outcome.replayed).toBe(false);
    expect(outcome.request.status).toBe('aprobada');
    const issued = await w.repositories.authorizations.findByRequest(outcome.request.id);
    expect(issued).toMatchObject({
      affiliateId: DEMO_IDS.anaMilena,
      serviceCode: '890202',
      serviceName: 'Consulta de primera vez por medicina especializada',
      providerIpsCode: '080010000102',
      quantity: 1,
      validFrom: '2026-11-27',
      expiresAt: '2027-02-25',
      copayPesos: 4500,
      status: 'activa',
    });
    expect(issued?.number).toMatch(/^20261\d{5}$/);
    expect(issued?.verificationCode).toMatch(/^AUTZ-/);
    expect((await w.repositories.authorizationRequests.findByFilingNumber('AUT-2026-000005'))?.status).toBe('aprobada');

    const audit = await w.audit.listBySubject('AUT-2026-000005');
    expect(audit[0]).toMatchObject({ actor: { kind: 'agent', id: 'agent-1' }, action: 'decide_approve', fromStatus: 'radicada', toStatus: 'aprobada' });

    const sms = await w.repositories.outbox.list({ kind: 'sms', recipient: '3001112236' });
    expect(sms[0].body).toContain(`autorizacion ${issued!.number}`);
    const email = await w.repositories.outbox.list({ kind: 'email', recipient: 'ana.rojas@example.com' });
    expect(email[0].body).toContain('Cuota moderadora o copago: $4.500');
    const [chat] = await w.repositories.outbox.list({ kind: 'chat', recipient: DEMO_IDS.anaMilena });
    expect(decodeChatNotice(chat.body)).toMatchObject({ authorizationId: issued!.id, template: { kind: 'request_approved', params: ['AUT-2026-000005', issued!.number] } });

    // The same decision again (a retried call) answers the first one and sends nothing new.
    const again = await w.decisions.decide(AUTORIZADOR, 'AUT-2026-000005', APPROVAL);
    expect(again.replayed).toBe(true);
    expect(again.authorization?.number).toBe(issued!.number);
    expect(await w.repositories.outbox.list({ kind: 'sms', recipient: '3001112236' })).toHaveLength(1);
  });

  it('refuses a different decision on a decided request', async () => {
    const w = backOfficeWorld(db());
    await w.decisions.decide(AUTORIZADOR, 'AUT-2026-000004', { decision: 'reject', reason: 'orden_vencida', detail: 'La orden tiene más de 30 días.' });
    await expect(w.decisions.decide(AUTORIZADOR, 'AUT-2026-000004', APPROVAL)).rejects.toMatchObject({ code: 'request_already_decided' });
    const request = await w.repositories.authorizationRequests.findByFilingNumber('AUT-2026-000004');
    expect(request).toMatchObject({ status: 'rechazada', rejectionReason: 'La orden médica está vencida. La orden tiene más de 30 días.' });
  });

  it('of two different decisions racing, exactly one is written', async () => {
    const w = backOfficeWorld(db());
    const results = await Promise.allSettled([
      w.decisions.decide(AUTORIZADOR, 'AUT-2026-000004', APPROVAL),
      w.decisions.decide(AUTORIZADOR, 'AUT-2026-000004', { decision: 'reject', reason: 'no_cubierto' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['request_already_decided']);
    const decided = await w.repositories.authorizationRequests.findByFilingNumber('AUT-2026-000004');
    const chats = await w.repositories.outbox.list({ kind: 'chat', recipient: DEMO_IDS.anaMilena });
    expect(chats).toHaveLength(1);
    expect(decodeChatNotice(chats[0].body).template.kind).toBe(decided?.status === 'aprobada' ? 'request_approved' : 'request_rejected');
  });

  it('names the field of bad terms and writes nothing', async () => {
    const w = backOfficeWorld(db());
    const bad = (authorization: Partial<typeof APPROVAL.authorization>) =>
      w.decisions.decide(AUTORIZADOR, 'AUT-2026-000005', { decision: 'approve', authorization: { ...APPROVAL.authorization, ...authorization } });
    await expect(bad({ serviceCode: '000000' })).rejects.toMatchObject({ code: 'validation_failed', field: 'authorization.serviceCode' });
    await expect(bad({ ipsCode: 'nope' })).rejects.toMatchObject({ field: 'authorization.ipsCode' });
    await expect(bad({ validUntil: '2026-11-01' })).rejects.toMatchObject({ field: 'authorization.validUntil' });
    await expect(bad({ quantity: 0 })).rejects.toMatchObject({ field: 'authorization.quantity' });
    await expect(w.decisions.decide(AUTORIZADOR, 'AUT-2026-000005', { decision: 'reject', reason: 'porque si' })).rejects.toMatchObject({ field: 'reason' });
    expect((await w.repositories.authorizationRequests.findByFilingNumber('AUT-2026-000005'))?.status).toBe('radicada');
    expect(await w.audit.listBySubject('AUT-2026-000005')).toEqual([]);
  });

  it('asking for more supports leaves the request waiting with the message, and the queue shows it', async () => {
    // 30 November: AUT-2026-000004 was due on the 27th.
    const w = backOfficeWorld(db(), '2026-11-30T15:00:00.000Z');
    await w.decisions.decide(AUTORIZADOR, 'AUT-2026-000005', { decision: 'request_supports', message: 'Adjunta la historia clínica de la última consulta.' });
    const [waiting] = await w.supportsReply.awaiting(DEMO_IDS.anaMilena);
    expect(waiting).toMatchObject({ request: { filingNumber: 'AUT-2026-000005', status: 'pendiente_soportes' }, message: 'Adjunta la historia clínica de la última consulta.' });
    const queue = await w.queue.queue();
    expect(queue.map((q) => q.request.filingNumber)).toEqual(['AUT-2026-000004', 'AUT-2026-000005']);
    expect(queue[0]).toMatchObject({ overdue: true, affiliate: { fullName: 'Ana Milena Rojas Castro' } });
    expect(queue[1].overdue).toBe(false);
    expect((await w.queue.queue({ statuses: ['pendiente_soportes'] })).map((q) => q.request.filingNumber)).toEqual(['AUT-2026-000005']);
    expect(await w.queue.queue({ minAgeDays: 5 })).toHaveLength(1);
    expect(await w.queue.queue({ municipalityCode: '05001' })).toEqual([]);
  });

  it('answers a PQRDS, then closes it, and refuses to answer a closed one', async () => {
    const w = backOfficeWorld(db());
    const answered = await w.pqrds.answer(AUTORIZADOR, 'PQR-2026-000123', { answer: 'Tu cita de ortopedia quedó asignada para el 2 de diciembre.' });
    expect(answered.status).toBe('respondida');
    const sms = await w.repositories.outbox.list({ kind: 'sms', recipient: '3001112236' });
    expect(sms[0].body).toContain('PQR-2026-000123');
    expect((await w.pqrds.answer(AUTORIZADOR, 'PQR-2026-000123', { close: true })).status).toBe('cerrada');
    await expect(w.pqrds.answer(AUTORIZADOR, 'PQR-2026-000123', { answer: 'Otra respuesta' })).rejects.toMatchObject({ code: 'pqrds_closed' });
    expect((await w.audit.listBySubject('PQR-2026-000123')).map((a) => a.action)).toEqual(['close_pqrds', 'answer_pqrds']);
    const queue = await w.pqrds.queue();
    expect(queue.map((p) => p.code)).not.toContain('PQR-2026-000123');
  });
});
}
