// The integration API's requests and PQRDS endpoints on the assembled app: keys and scopes, validation
// naming the field, Idempotency-Key replays, a different decision refused, pages, supports as downloads,
// and the decision reaching the affiliate (outbox) and her status view.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiKeyService, DEV_API_KEY } from '../../../src/services/integrationApi/apiKeyService';
import { KnexApiKeyRepository } from '../../../src/storage/repositories/knexApiKeyRepository';
import { AuthorizationStatusService } from '../../../src/services/selfService/authorizationStatusService';
import { FamilyNucleusService } from '../../../src/services/family/familyNucleusService';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { runApiKeyCommand } from '../../../src/cli/apikey';
import { startTestApp, TestApp } from '../../helpers/testApp';

let t: TestApp;
let api: string;
let readOnlyKey: string;
beforeAll(async () => {
  t = await startTestApp();
  api = `${t.baseUrl}/api/v1`;
  const lines: string[] = [];
  const keys = new ApiKeyService({ keys: new KnexApiKeyRepository(t.app.knex), clock: t.clock, production: false });
  expect(await runApiKeyCommand(['create', '--name', 'lectura', '--scopes', 'requests:read,pqrds:read'], (l) => lines.push(l), keys)).toBe(0);
  readOnlyKey = lines.join('\n').split('\n').at(-1)!.trim();
});
afterAll(async () => {
  await t.close();
});

const call = (path: string, init: RequestInit & { key?: string | null } = {}) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? DEV_API_KEY}`;
  return fetch(`${api}${path}`, { ...init, headers });
};

const approval = {
  decision: 'approve',
  authorization: { serviceCode: '890202', ipsCode: '080010000102', quantity: 1, validFrom: '2026-11-27', validUntil: '2027-02-25', copay: 4500 },
};

it('refuses a missing or wrong key and a key without the scope', async () => {
  expect((await call('/authorization-requests', { key: null })).status).toBe(401);
  expect((await call('/authorization-requests', { key: 'not-a-key' })).status).toBe(401);
  const forbidden = await call('/authorization-requests/AUT-2026-000005/decision', { method: 'POST', key: readOnlyKey, body: JSON.stringify(approval) });
  expect(forbidden.status).toBe(403);
  expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');
  expect((await call('/authorization-requests', { key: readOnlyKey })).status).toBe(200);
});

it('lists requests closest to their due date first, in pages', async () => {
  const first = (await (await call('/authorization-requests?limit=2')).json()) as { items: { filingNumber: string; supports: unknown[] }[]; nextCursor: string };
  expect(first.items.map((i) => i.filingNumber)).toEqual(['AUT-2026-000001', 'AUT-2026-000002']);
  const second = (await (await call(`/authorization-requests?limit=2&cursor=${first.nextCursor}`)).json()) as typeof first;
  expect(second.items.map((i) => i.filingNumber)).toEqual(['AUT-2026-000003', 'AUT-2026-000004']);
  const filed = (await (await call('/authorization-requests?status=radicada')).json()) as typeof first;
  expect(filed.items).toEqual([
    expect.objectContaining({ filingNumber: 'AUT-2026-000005', status: 'radicada', affiliate: { documentType: 'CC', documentNumber: '1045678904', fullName: 'Ana Milena Rojas Castro' } }),
  ]);
  expect(filed.items[0].supports).toEqual([expect.objectContaining({ name: 'orden-medica.pdf', sizeBytes: expect.any(Number) })]);
  expect((await call('/authorization-requests?cursor=garbage')).status).toBe(422);
});

it('names the invalid field, and a support missing from disk is a 404, not a crash', async () => {
  const bad = await call('/authorization-requests/AUT-2026-000005/decision', {
    method: 'POST',
    body: JSON.stringify({ ...approval, authorization: { ...approval.authorization, validUntil: '25/02/2027' } }),
  });
  expect(bad.status).toBe(422);
  expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('authorization.validUntil');
  const reason = await call('/authorization-requests/AUT-2026-000005/decision', { method: 'POST', body: JSON.stringify({ decision: 'reject', reason: 'capricho' }) });
  expect(((await reason.json()) as { error: { field: string } }).error.field).toBe('reason');
  const detail = (await (await call('/authorization-requests/AUT-2026-000005')).json()) as { supports: { id: string }[] };
  expect((await call(`/authorization-requests/AUT-2026-000005/supports/${detail.supports[0].id}`)).status).toBe(404);
  expect((await call('/authorization-requests/AUT-2026-000099')).status).toBe(404);
});

it('approves once per Idempotency-Key, refuses a different decision, and the affiliate is told and sees it', async () => {
  const post = (body: unknown, key: string) =>
    call('/authorization-requests/AUT-2026-000005/decision', { method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': key } });
  const first = await post(approval, 'decision-1');
  expect(first.status).toBe(201);
  const created = (await first.json()) as { authorization: { number: string; verificationCode: string; copay: number } };
  expect(created.authorization).toMatchObject({ copay: 4500, verificationCode: expect.stringMatching(/^AUTZ-/) });
  const replay = await post(approval, 'decision-1');
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(await replay.json()).toEqual(created);
  const conflict = await post({ decision: 'reject', reason: 'no_cubierto' }, 'decision-2');
  expect(conflict.status).toBe(409);
  expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('request_already_decided');

  const sms = await t.app.repositories.outbox.list({ kind: 'sms', recipient: '3001112236' });
  expect(sms.filter((m) => m.body.includes(created.authorization.number))).toHaveLength(1);
  const status = new AuthorizationStatusService({
    nucleus: new FamilyNucleusService(t.app.repositories.affiliates),
    authorizations: t.app.repositories.authorizations,
    requests: t.app.repositories.authorizationRequests,
    ips: t.app.repositories.ips,
  });
  const mine = await status.authorizations(DEMO_IDS.anaMilena, DEMO_IDS.anaMilena);
  expect(mine[0]).toMatchObject({ number: created.authorization.number, providerIpsName: 'Centro Médico Familiar El Prado', status: 'activa' });
  const verified = await fetch(`${t.baseUrl}/autorizaciones/${created.authorization.verificationCode}`, { headers: { accept: 'application/json' } });
  expect(verified.status).toBe(200);
});

it('lists PQRDS by legal due date, answers and closes one', async () => {
  const list = (await (await call('/pqrds?status=en_tramite')).json()) as { items: { code: string; dueAt: string }[] };
  expect(list.items.map((p) => p.code)).toEqual(['PQR-2026-000123']);
  const answered = await call('/pqrds/PQR-2026-000123/answer', { method: 'POST', body: JSON.stringify({ answer: 'Cita asignada para el 2 de diciembre.', close: true }) });
  expect(answered.status).toBe(200);
  expect(((await answered.json()) as { pqrds: { status: string } }).pqrds.status).toBe('cerrada');
  expect((await call('/pqrds/PQR-2026-000123/answer', { method: 'POST', body: JSON.stringify({ answer: 'Otra' }) })).status).toBe(409);
  expect((await call('/pqrds/PQR-2026-000123/answer', { method: 'POST', key: readOnlyKey, body: JSON.stringify({ answer: 'x' }) })).status).toBe(403);
});
