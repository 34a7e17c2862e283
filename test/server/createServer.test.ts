// The restify app as a browser or a monitor sees it: liveness and readiness, the web chat page with its
// security headers, static assets, one JSON error shape, extra routes reading their raw body, and a
// shutdown that does not hang on open WebSocket streams.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createMemoryLogger } from '../../src/observability/logger';
import { AppServer, createServer } from '../../src/server/createServer';
import { readRawBody } from '../../src/server/jsonBody';
import { startTestServer } from '../channels/directline/testServer';

const started: AppServer[] = [];

async function serve(deps: Partial<Parameters<typeof createServer>[0]> = {}) {
  const logger = createMemoryLogger();
  let url = '';
  const server = createServer({ logger, ready: async () => true, publicUrl: () => url, ...deps });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  started.push(server);
  return { server, url, logger };
}

afterEach(async () => {
  for (const server of started.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('health and readiness', () => {
  it('GET /health answers ok with the base security headers', async () => {
    const { url } = await serve();
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it.each([
    ['the database answers', async () => true, 200, 'ready'],
    ['the database says no', async () => false, 503, 'unavailable'],
    [
      'the database check throws',
      async () => {
        throw new Error('SQLITE_CANTOPEN');
      },
      503,
      'unavailable',
    ],
  ])('GET /ready when %s', async (_name, ready, status, label) => {
    const { url } = await serve({ ready });
    const response = await fetch(`${url}/ready`);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { status: string }).status).toBe(label);
  });
});

describe('the web chat page', () => {
  it('is served with a strict CSP whose nonce is the one on its scripts', async () => {
    const { url } = await serve();
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Oficina Virtual</title>');
    expect(html).toContain('name="viewport"');
    const csp = response.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(html).toContain(`<script src="/vendor/webchat.js" nonce="${nonce}">`);
    expect(html).not.toContain('{{NONCE}}');
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' blob: ws:\/\/127\.0\.0\.1:\d+/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // A new nonce for every page.
    const again = (await fetch(`${url}/`)).headers.get('content-security-policy')!;
    expect(again).not.toBe(csp);
  });

  it('serves the Web Chat bundle gzipped and revalidates it with an ETag', async () => {
    const { url } = await serve();
    const response = await fetch(`${url}/vendor/webchat.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // fetch decodes gzip itself; the declared encoding tells us what went over the wire.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect((await response.text()).length).toBeGreaterThan(1_000_000);
    const etag = response.headers.get('etag')!;
    const revalidated = await fetch(`${url}/vendor/webchat.js`, { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
  });

  describe('when npm install could not fetch the bundle', () => {
    let webRoot = '';
    beforeAll(async () => {
      webRoot = await mkdtemp(path.join(os.tmpdir(), 'webroot-'));
      await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Oficina Virtual</title><script nonce="{{NONCE}}"></script>');
    });
    afterAll(async () => {
      await rm(webRoot, { recursive: true, force: true });
    });

    it('the page still loads, the bundle URL says how to fix it, and the log says it once', async () => {
      const { url, logger } = await serve({ webRoot });
      expect((await fetch(`${url}/`)).status).toBe(200);
      expect((await fetch(`${url}/`)).status).toBe(200);
      const bundle = await fetch(`${url}/vendor/webchat.js`);
      expect(bundle.status).toBe(404);
      expect(((await bundle.json()) as { error: { message: string } }).error.message).toContain('node scripts/fetchWebchat.cjs');
      expect(logger.lines.filter((line) => line.includes('webchat.bundle_missing'))).toHaveLength(1);
    });
  });
});

describe('routes and errors', () => {
  it('unknown paths and wrong methods answer in the common error shape', async () => {
    const { url } = await serve();
    const missing = await fetch(`${url}/no-existe`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No existe ese recurso.' } });
    const wrongMethod = await fetch(`${url}/health`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
  });

  it("other modules' routes get the request body untouched (a signed webhook needs the exact bytes)", async () => {
    const raw = Buffer.from('{"b": 1,  "a":2}\n');
    let seen: Buffer | undefined;
    const webhook = (server: Server) => {
      server.post('/webhooks/prueba', async (req: Request, res: Response) => {
        seen = await readRawBody(req, 1024);
        res.send(200, { ok: true });
      });
    };
    const { url } = await serve({ routes: [webhook] });
    const response = await fetch(`${url}/webhooks/prueba`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: raw });
    expect(response.status).toBe(200);
    expect(seen).toEqual(raw);
  });

  it('a route that throws answers 500 without details and the server keeps serving', async () => {
    const failing = (server: Server) => {
      server.get('/falla', async () => {
        throw new Error('secret detail 1045678901');
      });
    };
    const { url } = await serve({ routes: [failing] });
    const response = await fetch(`${url}/falla`);
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('1045678901');
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});

describe('shutdown', () => {
  it('closes even while a web chat stream is open', async () => {
    const t = await startTestServer();
    const ticket = (await (await fetch(`${t.url}/api/webchat/token`, { method: 'POST' })).json()) as { token: string };
    const started = (await (
      await fetch(`${t.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${ticket.token}` } })
    ).json()) as { streamUrl: string };
    const ws = new WebSocket(started.streamUrl);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.on('open', resolve));
    await t.close();
    expect(await closed).toBeGreaterThan(0);
  });
});
