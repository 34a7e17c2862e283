// The integration API's gates on a small endpoint: bearer key (401), scope (403), zod validation (422 with
// the field), Idempotency-Key (same request → same stored answer, once; another body → 422), per-key rate
// limit (429), cursor pages, and the key CLI (printed once, stored hashed, revocable).
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { runApiKeyCommand } from '../../../src/cli/apikey';
import { createMemoryLogger } from '../../../src/observability/logger';
import { AppServer, createServer } from '../../../src/server/createServer';
import { IntegrationApi } from '../../../src/server/integrationApi/integrationApi';
import { decodeCursor, pageQuery, toPage } from '../../../src/server/integrationApi/pagination';
import { ApiKeyService, DEV_API_KEY, hashApiKey } from '../../../src/services/integrationApi/apiKeyService';
import { KnexApiKeyRepository } from '../../../src/storage/repositories/knexApiKeyRepository';
import { KnexIdempotencyRepository } from '../../../src/storage/repositories/knexIdempotencyRepository';
import { fixedClock } from '../../helpers/clock';
import { describeDatabases } from '../../helpers/testDb';

type ErrorBody = { error: { code: string; message: string; field?: string } };

describeDatabases('integration API gates', ({ db }) => {
  const clock = fixedClock('2026-12-01T15:00:00.000Z');
  let server: AppServer;
  let base: string;
  let keys: ApiKeyService;
  let readOnlyKey: string;
  let handled = 0;

  beforeAll(async () => {
    const logger = createMemoryLogger();
    keys = new ApiKeyService({ keys: new KnexApiKeyRepository(db().knex), clock, production: false });
    const api = new IntegrationApi({ keys, idempotency: new KnexIdempotencyRepository(db().knex), clock, logger, rateLimit: { burst: 60, perMinute: 60 } });
    api.route({
      method: 'post',
      path: '/echo',
      scope: 'affiliates:write',
      body: z.object({ amount: z.number().int().positive(), note: z.string().max(10).optional() }),
      handler: async ({ body }) => {
        handled += 1;
        return { status: 201, body: { amount: body.amount, call: handled } };
      },
    });
    const numbers = Array.from({ length: 7 }, (_, i) => i + 1);
    api.route({
      method: 'get',
      path: '/numbers',
      scope: 'requests:read',
      query: pageQuery,
      handler: async ({ query }) => {
        const after = decodeCursor(query.cursor, z.object({ n: z.number() }))?.n ?? 0;
        const rows = numbers.filter((n) => n > after).slice(0, query.limit + 1);
        return { status: 200, body: toPage(rows, query.limit, (n) => ({ n }), (n) => ({ n })) };
      },
    });
    server = createServer({ logger, ready: async () => true, routes: [(s) => api.register(s)], publicUrl: 'http://localhost' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    readOnlyKey = (await keys.create('solo-lectura', ['requests:read'])).key;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${DEV_API_KEY}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it.each([
    ['no key', {}],
    ['an unknown key', { Authorization: 'Bearer ov_not-a-real-key' }],
    ['a malformed header', { Authorization: 'Basic abc' }],
  ])('refuses %s with 401 in the common error shape', async (_name, headers) => {
    const response = await fetch(`${base}/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"amount":1}' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorBody).error.code).toBe('unauthorized');
  });

  it('refuses a key without the endpoint scope with 403, and lets it use its own scope', async () => {
    const refused = await post({ amount: 1 }, { Authorization: `Bearer ${readOnlyKey}` });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('insufficient_scope');
    const allowed = await fetch(`${base}/numbers`, { headers: { Authorization: `Bearer ${readOnlyKey}` } });
    expect(allowed.status).toBe(200);
  });

  it('answers 422 naming the invalid field, and 400 for malformed JSON', async () => {
    const invalid = await post({ amount: -3 });
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'validation_failed', field: 'amount' });
    expect(body.error.message).toContain('amount');
    expect((await post('{"amount":')).status).toBe(400);
    expect((await post({ amount: 1 }, { 'Content-Type': 'text/plain' })).status).toBe(415);
  });

  it('replays the stored answer for the same Idempotency-Key and body, running the handler once', async () => {
    const before = handled;
    const first = await post({ amount: 5 }, { 'Idempotency-Key': 'pago-5' });
    const again = await post({ amount: 5 }, { 'Idempotency-Key': 'pago-5' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(handled).toBe(before + 1);
  });

  it('refuses the same Idempotency-Key with a different body with 422 idempotency_key_reused', async () => {
    await post({ amount: 6 }, { 'Idempotency-Key': 'pago-6' });
    const other = await post({ amount: 7 }, { 'Idempotency-Key': 'pago-6' });
    expect(other.status).toBe(422);
    expect(((await other.json()) as ErrorBody).error).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
  });

  it('does not store a validation refusal: the corrected request may reuse its key', async () => {
    expect((await post({ amount: 0 }, { 'Idempotency-Key': 'pago-8' })).status).toBe(422);
    const corrected = await post({ amount: 8 }, { 'Idempotency-Key': 'pago-8' });
    expect(corrected.status).toBe(201);
  });

  it('pages with nextCursor until the last page, and refuses a forged cursor', async () => {
    const headers = { Authorization: `Bearer ${DEV_API_KEY}` };
    const seen: number[] = [];
    let cursor: string | null = '';
    for (let pages = 0; cursor !== null && pages < 10; pages++) {
      const page = (await (await fetch(`${base}/numbers?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { headers })).json()) as {
        items: { n: number }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((i) => i.n));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const forged = await fetch(`${base}/numbers?cursor=bm90LWpzb24`, { headers });
    expect(forged.status).toBe(422);
    expect(((await forged.json()) as ErrorBody).error.field).toBe('cursor');
  });

  it('limits each key to its budget with 429 and Retry-After, without touching other keys', async () => {
    const { key } = await keys.create('rafaga', ['requests:read']);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await fetch(`${base}/numbers`, { headers: { Authorization: `Bearer ${key}` } })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses[60]).toBe(429);
    const limited = await fetch(`${base}/numbers`, { headers: { Authorization: `Bearer ${key}` } });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await fetch(`${base}/numbers`, { headers: { Authorization: `Bearer ${readOnlyKey}` } })).status).toBe(200);
  });

  it('npm run apikey: prints a new key once, stores only its hash, lists and revokes it', async () => {
    const lines: string[] = [];
    expect(await runApiKeyCommand(['create', '--name', 'sistema-eps', '--scopes', 'pqrds:read,pqrds:answer'], (l) => lines.push(l), keys)).toBe(0);
    const key = lines.join('\n').split('\n').pop()!;
    expect(key).toMatch(/^ov_[A-Za-z0-9_-]{43}$/);
    const stored = (await db().knex('api_keys').where({ name: 'sistema-eps' }).first()) as Record<string, unknown>;
    expect(stored.key_hash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(await keys.authenticate(key)).toMatchObject({ name: 'sistema-eps', scopes: ['pqrds:read', 'pqrds:answer'] });

    lines.length = 0;
    await runApiKeyCommand(['list'], (l) => lines.push(l), keys);
    expect(lines.join('\n')).toContain('sistema-eps');
    expect(lines.join('\n')).not.toContain(key);
    expect(await runApiKeyCommand(['create', '--name', 'x', '--scopes', 'todo:all'], () => undefined, keys)).toBe(2);
    expect(await runApiKeyCommand(['revoke', 'sistema-eps'], () => undefined, keys)).toBe(0);
    expect(await keys.authenticate(key)).toBeUndefined();
  });

  it('refuses the development key in production even when it is in the database', async () => {
    const production = new ApiKeyService({ keys: new KnexApiKeyRepository(db().knex), clock, production: true });
    expect(await production.authenticate(DEV_API_KEY)).toBeUndefined();
    expect(await keys.authenticate(DEV_API_KEY)).toMatchObject({ scopes: expect.arrayContaining(['affiliates:write', 'requests:decide']) as unknown });
  });
});
