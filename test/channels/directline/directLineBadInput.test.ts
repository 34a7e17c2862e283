// Bad input on the Direct Line endpoints: each gets a clear status and `{error: {code, message}}`,
// never a crash, and the conversation keeps working afterwards.
import { readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { TestServer, startTestServer } from './testServer';

let t: TestServer;
let token = '';
let conversationId = '';
let otherToken = '';
let expiredToken = '';
let notStartedToken = '';
let notStartedId = '';

async function newTicket(): Promise<{ token: string; conversationId: string }> {
  return (await (await fetch(`${t.url}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
}

async function start(bearer: string): Promise<number> {
  return (await fetch(`${t.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${bearer}` } })).status;
}

beforeAll(async () => {
  t = await startTestServer();
  // A token issued half an hour ago (the clock then moves to now).
  const old = await newTicket();
  t.clock.advance(31 * 60 * 1000);
  expiredToken = old.token;
  ({ token, conversationId } = await newTicket());
  expect(await start(token)).toBe(201);
  otherToken = (await newTicket()).token;
  expect(await start(otherToken)).toBe(201);
  ({ token: notStartedToken, conversationId: notStartedId } = await newTicket());
});

afterAll(async () => {
  await t.close();
});

interface Case {
  name: string;
  path: () => string;
  method?: string;
  headers?: () => Record<string, string>;
  body?: () => BodyInit;
  status: number;
  code: string;
}

const json = { 'Content-Type': 'application/json' };
const auth = () => ({ Authorization: `Bearer ${token}`, ...json });
const activities = () => `/v3/directline/conversations/${conversationId}/activities`;
const hello = () => JSON.stringify({ type: 'message', text: 'hola' });

const cases: Case[] = [
  { name: 'malformed JSON', path: activities, headers: auth, body: () => '{"type": "message", ', status: 400, code: 'malformed_json' },
  { name: 'a JSON array instead of an activity', path: activities, headers: auth, body: () => '[1,2]', status: 400, code: 'invalid_activity' },
  { name: 'no token', path: activities, headers: () => json, body: hello, status: 401, code: 'missing_token' },
  { name: 'a token that is not ours', path: activities, headers: () => ({ Authorization: 'Bearer abc.def.ghi', ...json }), body: hello, status: 403, code: 'invalid_token' },
  {
    name: 'a token with a forged signature',
    path: activities,
    headers: () => ({ Authorization: `Bearer ${token.slice(0, -4)}AAAA`, ...json }),
    body: hello,
    status: 403,
    code: 'invalid_token',
  },
  {
    name: 'a token whose claims were edited',
    path: activities,
    headers: () => {
      const [header, , signature] = token.split('.');
      const claims = Buffer.from(JSON.stringify({ conv: conversationId, user: 'dl_intruso', iat: 0, exp: 9e9 })).toString('base64url');
      return { Authorization: `Bearer ${header}.${claims}.${signature}`, ...json };
    },
    body: hello,
    status: 403,
    code: 'invalid_token',
  },
  { name: 'an expired token', path: activities, headers: () => ({ Authorization: `Bearer ${expiredToken}`, ...json }), body: hello, status: 403, code: 'token_expired' },
  {
    name: "another conversation's token",
    path: activities,
    headers: () => ({ Authorization: `Bearer ${otherToken}`, ...json }),
    body: hello,
    status: 403,
    code: 'token_conversation_mismatch',
  },
  {
    name: 'a conversation that was never started',
    path: () => `/v3/directline/conversations/${notStartedId}/activities`,
    headers: () => ({ Authorization: `Bearer ${notStartedToken}`, ...json }),
    body: hello,
    status: 404,
    code: 'conversation_not_found',
  },
  {
    name: 'an oversized body',
    path: activities,
    headers: auth,
    body: () => JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }),
    status: 413,
    code: 'body_too_large',
  },
  {
    name: 'a compressed body',
    path: activities,
    headers: () => ({ ...auth(), 'Content-Encoding': 'gzip' }),
    body: () => gzipSync(hello()),
    status: 415,
    code: 'content_encoding_not_supported',
  },
  { name: 'a body that is not JSON', path: activities, headers: () => ({ ...auth(), 'Content-Type': 'text/plain' }), body: hello, status: 415, code: 'unsupported_media_type' },
  {
    name: 'an activity type we do not take',
    path: activities,
    headers: auth,
    body: () => JSON.stringify({ type: 'conversationUpdate', membersAdded: [] }),
    status: 400,
    code: 'unsupported_activity_type',
  },
  {
    name: 'attachments posted as JSON (pointing at a staged file)',
    path: activities,
    headers: auth,
    body: () => JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/pdf', contentUrl: 'staged:00000000-0000-4000-8000-000000000000' }] }),
    status: 400,
    code: 'attachments_require_upload',
  },
  { name: 'text that is not a string', path: activities, headers: auth, body: () => JSON.stringify({ type: 'message', text: { a: 1 } }), status: 400, code: 'invalid_activity' },
  { name: 'a bad watermark', method: 'GET', path: () => `${activities()}?watermark=abc`, headers: auth, status: 400, code: 'invalid_watermark' },
  {
    name: 'an upload that is not multipart',
    path: () => `/v3/directline/conversations/${conversationId}/upload?userId=u`,
    headers: auth,
    body: hello,
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'an upload without files',
    path: () => `/v3/directline/conversations/${conversationId}/upload?userId=u`,
    headers: () => ({ Authorization: `Bearer ${token}` }),
    body: () => {
      const form = new FormData();
      form.append('activity', new Blob([hello()], { type: 'application/vnd.microsoft.activity' }));
      return form;
    },
    status: 400,
    code: 'no_files',
  },
  {
    name: 'a broken multipart body',
    path: () => `/v3/directline/conversations/${conversationId}/upload?userId=u`,
    headers: () => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'multipart/form-data; boundary=xyz' }),
    body: () => '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 trunca',
    status: 400,
    code: 'malformed_multipart',
  },
  { name: 'a refresh without a token', path: () => '/v3/directline/tokens/refresh', status: 401, code: 'missing_token' },
  { name: 'a token request with malformed JSON', path: () => '/api/webchat/token', headers: () => json, body: () => '{', status: 400, code: 'malformed_json' },
  { name: 'an unknown path', method: 'GET', path: () => '/v3/directline/nada', status: 404, code: 'not_found' },
  { name: 'a wrong method', method: 'DELETE', path: () => '/v3/directline/tokens/refresh', status: 405, code: 'method_not_allowed' },
];

describe('Direct Line bad input', () => {
  it.each(cases)('$name → $status $code', async (c) => {
    const response = await fetch(`${t.url}${c.path()}`, { method: c.method ?? 'POST', headers: c.headers?.(), body: c.body?.() });
    expect(response.status).toBe(c.status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(c.code);
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it('after all of it the server and the conversation still work', async () => {
    const response = await fetch(`${t.url}${activities()}`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ type: 'message', text: 'quiero pizza' }),
    });
    expect(response.status).toBe(200);
    const page = (await (await fetch(`${t.url}${activities()}`, { headers: auth() })).json()) as { activities: { text?: string }[] };
    // None of the refused requests reached the conversation; the one good message did, and the bot answered it.
    expect(page.activities.filter((a) => a.text !== undefined && /^(hola|quiero pizza)$/.test(a.text))).toEqual([{ ...page.activities.find((a) => a.text === 'quiero pizza') }]);
    expect(page.activities.at(-1)!.text).toMatch(/No entendí/);
  });
});

describe('WebSocket stream refusals', () => {
  function upgrade(query: string, origin?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream?${query}`, {
        headers: origin ? { Origin: origin } : {},
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', reject);
    });
  }

  const refusals: [string, () => string, string | undefined, number][] = [
    ['a page on another site', () => `t=${token}`, 'https://evil.example', 403],
    ['no token', () => '', undefined, 401],
    ["another conversation's token", () => `t=${otherToken}`, undefined, 403],
    ['an expired token', () => `t=${expiredToken}`, undefined, 403],
    ['our own page', () => `t=${token}`, 'self', 101],
  ];
  it.each(refusals)('%s → %i', async (_name, query, origin, status) => {
    expect(await upgrade(query(), origin === 'self' ? t.url : origin)).toBe(status);
  });
});

describe('an upload cut short', () => {
  it('leaves no partial file behind and the server keeps answering', async () => {
    const { request } = await import('node:http');
    const before = await readdir(t.stagedDir);
    const boundary = 'cortado';
    const req = request(`${t.url}/v3/directline/conversations/${conversationId}/upload?userId=u`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(5 * 1024 * 1024),
      },
    });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    req.write(Buffer.alloc(256 * 1024, 0x20));
    // Wait until the server has started staging the file, then vanish.
    await vi.waitFor(async () => expect((await readdir(t.stagedDir)).length).toBeGreaterThan(before.length));
    req.destroy();
    await vi.waitFor(async () => expect(await readdir(t.stagedDir)).toEqual(before));
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
