// The affiliate feed over the integration API, on the app npm start builds: PUT and NDJSON import validated
// field by field, idempotent, with line-numbered errors that never stop the good lines; and what the bot does
// with it — a person the API created registers and logs in through the web chat, the mobile the API changed
// is the one registration checks, and a status change ends the open session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity } from '../../../dialogs/messages/identity';
import { session as sessionTexts } from '../../../dialogs/messages/session';
import { ApiKeyService, DEV_API_KEY } from '../../../src/services/integrationApi/apiKeyService';
import { KnexApiKeyRepository } from '../../../src/storage/repositories/knexApiKeyRepository';
import { startTestApp, TestApp, WebChatUser } from '../../helpers/testApp';

type Json = Record<string, unknown>;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const person = (overrides: Json = {}): Json => ({
  firstNames: 'Lucía Fernanda',
  lastNames: 'Prueba Integración',
  birthDate: '1990-04-12',
  sex: 'F',
  regime: 'contributivo',
  affiliateType: 'cotizante',
  status: 'activo',
  mobile: '3101234567',
  email: 'lucia@ejemplo.test',
  address: 'Calle 72 # 45-10',
  municipalityCode: '08001',
  documentIssueDate: '2008-05-20',
  affiliationDate: '2015-02-01',
  ipsCode: '080010000101',
  headDocumentType: 'CC',
  headDocumentNumber: '1300000001',
  relationship: 'cabeza',
  ...overrides,
});

async function put(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.baseUrl}/api/v1/affiliates/${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${DEV_API_KEY}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
}

async function importLines(lines: string[], headers: Record<string, string> = {}) {
  const response = await fetch(`${t.baseUrl}/api/v1/affiliates/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-ndjson', Authorization: `Bearer ${DEV_API_KEY}`, ...headers },
    body: `${lines.join('\n')}\n`,
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('PUT /api/v1/affiliates/{documentType}/{documentNumber}', () => {
  it('creates (201), then answers unchanged, then updated, keeping one row', async () => {
    const created = await put('CC/1300000001', person());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ outcome: 'created', affiliate: { documentNumber: '1300000001', mobile: '3101234567', headDocumentNumber: '1300000001' } });
    expect((await put('CC/1300000001', person())).body.outcome).toBe('unchanged');
    const updated = await put('CC/1300000001', person({ address: 'Carrera 50 # 80-12' }));
    expect(updated.status).toBe(200);
    expect(updated.body.outcome).toBe('updated');
    const rows = await t.db.knex('affiliates').where({ document_type: 'CC', document_number: '1300000001' });
    expect(rows).toHaveLength(1);
  });

  it.each([
    ['an unknown DIVIPOLA code', { municipalityCode: '99999' }, 'municipalityCode'],
    ['an IPS that does not exist', { ipsCode: '080010009999' }, 'ipsCode'],
    ['a landline as mobile', { mobile: '6053850101' }, 'mobile'],
    ['an impossible date', { birthDate: '1990-02-30' }, 'birthDate'],
    ['a birth date in the future', { birthDate: '2030-01-01' }, 'birthDate'],
    ['an unknown status', { status: 'vigente' }, 'status'],
    ['a missing first name', { firstNames: '' }, 'firstNames'],
    ['a head that is not cabeza', { relationship: 'hijo' }, 'relationship'],
    ['a head nobody sent', { headDocumentNumber: '1399999999', relationship: 'hijo' }, 'headDocumentNumber'],
  ])('refuses %s with 422 naming the field', async (_name, overrides, field) => {
    const response = await put('CC/1300000002', person({ headDocumentNumber: '1300000002', ...overrides }));
    expect(response.status).toBe(422);
    expect((response.body.error as Json).field).toBe(field);
    expect(String((response.body.error as Json).message)).toContain(field);
  });

  it('checks the document in the path with the domain rules (a CC has no letters)', async () => {
    const response = await put('CC/13000A0003', person({ headDocumentNumber: '13000A0003' }));
    expect(response.status).toBe(422);
    expect((response.body.error as Json).field).toBe('documentNumber');
  });

  it('honours Idempotency-Key: the same PUT answers the same; another body with that key is refused', async () => {
    const body = person({ headDocumentNumber: '1300000004' });
    const first = await put('CC/1300000004', body, { 'Idempotency-Key': 'alta-1300000004' });
    const replay = await put('CC/1300000004', body, { 'Idempotency-Key': 'alta-1300000004' });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const other = await put('CC/1300000004', { ...body, lastNames: 'Otro' }, { 'Idempotency-Key': 'alta-1300000004' });
    expect(other.status).toBe(422);
    expect((other.body.error as Json).code).toBe('idempotency_key_reused');
  });

  it('refuses an unknown key (401) and a key without affiliates:write (403)', async () => {
    expect((await put('CC/1300000005', person({ headDocumentNumber: '1300000005' }), { Authorization: 'Bearer otra-llave' })).status).toBe(401);
    const keys = new ApiKeyService({ keys: new KnexApiKeyRepository(t.db.knex), clock: t.clock, production: false });
    const { key } = await keys.create('solo-solicitudes', ['requests:read']);
    const refused = await put('CC/1300000005', person({ headDocumentNumber: '1300000005' }), { Authorization: `Bearer ${key}` });
    expect(refused.status).toBe(403);
    expect(await t.db.knex('affiliates').where({ document_number: '1300000005' })).toHaveLength(0);
  });
});

describe('POST /api/v1/affiliates/import', () => {
  const line = (n: string, overrides: Json = {}) => JSON.stringify({ documentType: 'CC', documentNumber: n, ...person({ headDocumentNumber: n, ...overrides }) });

  it('applies the good lines and lists the bad ones by number; a member may come before its head', async () => {
    const lines = [
      line('1300000011', { relationship: 'conyuge', headDocumentNumber: '1300000010' }),
      line('1300000010'),
      '{"documentType": "CC",',
      line('1300000012', { municipalityCode: '00000' }),
      '',
      line('1300000013', { relationship: 'hijo', headDocumentNumber: '1300000099' }),
      line('1300000014'),
    ];
    const { status, body } = await importLines(lines);
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(body.errors).toEqual([
      { line: 3, code: 'malformed_json', message: expect.any(String) as unknown },
      { line: 4, code: 'validation_failed', field: 'municipalityCode', message: expect.stringContaining('municipalityCode') as unknown },
      { line: 6, code: 'head_not_found', field: 'headDocumentNumber', message: expect.any(String) as unknown },
    ]);
    const spouse = (await t.db.knex('affiliates').where({ document_number: '1300000011' }).first()) as Json;
    const head = (await t.db.knex('affiliates').where({ document_number: '1300000010' }).first()) as Json;
    expect(spouse.family_nucleus_id).toBe(head.family_nucleus_id);
    expect(spouse.head_affiliate_id).toBe(head.id);

    const again = await importLines(lines);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('replays an import with the same Idempotency-Key without running it again', async () => {
    const lines = [line('1300000020'), line('1300000021')];
    const first = await importLines(lines, { 'Idempotency-Key': 'lote-20' });
    const replay = await importLines(lines, { 'Idempotency-Key': 'lote-20' });
    expect(first.body).toMatchObject({ created: 2 });
    expect(replay.body).toEqual(first.body);
  });

  it('refuses a request past its line budget with 413 before touching anything', async () => {
    const lines = Array.from({ length: 10_001 }, () => '{}');
    const { status, body } = await importLines(lines);
    expect(status).toBe(413);
    expect((body.error as Json).code).toBe('too_many_lines');
  });

  it('refuses a body that is not NDJSON with 415', async () => {
    const response = await fetch(`${t.baseUrl}/api/v1/affiliates/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${DEV_API_KEY}` },
      body: 'a,b\n',
    });
    expect(response.status).toBe(415);
  });
});

describe('what the bot does with the records', () => {
  it('a person created by the API registers with the mobile the API last sent, logs in, and is logged out when suspended', async () => {
    const path = 'CC/1300000030';
    const record = person({ headDocumentNumber: '1300000030', mobile: '3157776655', documentIssueDate: '2010-09-15' });
    expect((await put(path, record)).status).toBe(201);
    expect((await put(path, { ...record, mobile: '3209998877' })).body.outcome).toBe('updated');

    const { user } = await WebChatUser.open(t.baseUrl);
    const say = async (text: string, expected: RegExp | string) => {
      const replies = (await user.say(text)).join('\n');
      // Web Chat shows WhatsApp's *bold* marks as plain text.
      if (typeof expected === 'string') expect(replies).toContain(expected.replace(/\*/g, ''));
      else expect(replies).toMatch(expected);
      return replies;
    };
    // The old mobile no longer proves who she is.
    await say('Registrarme', /Qué tipo de documento tienes/);
    await say('CC 1300000030', identity.mobileQuestion);
    await say('3157776655', identity.issueDateQuestion);
    await say('15/09/2010', /Autorizas el tratamiento/);
    await say('sí', identity.notVerified);
    expect(await t.app.repositories.outbox.list({ kind: 'sms', recipient: '3157776655' })).toHaveLength(0);

    await say('Registrarme', /Qué tipo de documento tienes/);
    await say('CC 1300000030', identity.mobileQuestion);
    await say('320 999 8877', identity.issueDateQuestion);
    await say('15/09/2010', /Autorizas el tratamiento/);
    // Registration goes straight on to logging in: the bot asks for the password it has just sent.
    await say('sí', /8877[\s\S]*Escribe tu contraseña/);
    const [sms] = await t.app.repositories.outbox.list({ kind: 'sms', recipient: '3209998877' });
    const temporary = /Contraseña temporal: (\S+)/.exec(sms!.body)![1]!;

    await say(temporary, /nueva contraseña/i);
    await say('Un faro en Puerto Colombia', /Confirmas que leíste/);
    await say('sí', /Lucía[\s\S]*Solicitar autorización/);

    expect((await put(path, { ...record, mobile: '3209998877', status: 'suspendido' })).body.outcome).toBe('updated');
    await say('Mi IPS asignada', sessionTexts.endedByRecords);
    // Logged out: a task that needs the session asks to log in again.
    await say('Mi IPS asignada', /primero debes iniciar sesión|Qué tipo de documento tienes/);
  });
});
