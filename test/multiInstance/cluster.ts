// Two instances of the real app on one PostgreSQL schema, each with its own knex, coordination (advisory
// locks, LISTEN/NOTIFY connections) and HTTP server, behind a round-robin proxy — what a load balancer
// without sticky sessions does. `crash()` ends an instance the way a dead process does: connections cut,
// nothing flushed, its database sessions (and with them its locks) gone.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createMemoryLogger } from '../../src/observability/logger';
import { createKnex } from '../../src/storage/knex';

export interface Instance {
  app: App;
  url: string;
  alive: boolean;
  crash(): Promise<void>;
}

export interface Cluster {
  instances: Instance[];
  proxyUrl: string;
  /** Requests the proxy sent to each instance. */
  forwarded: number[];
  schema: string;
  databaseUrl: string;
  close(): Promise<void>;
}

const SECRET = 'cluster-test-secret-0123456789-abcdefghij';

export async function startCluster(baseUrl: string): Promise<Cluster> {
  const schema = `cluster_${randomBytes(4).toString('hex')}`;
  const admin = createKnex(baseUrl, { poolMax: 1 });
  await admin.raw('create schema ??', [schema]);
  await admin.destroy();
  const databaseUrl = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'oficina-cluster-'));
  const instances: Instance[] = [];
  // One after another: the first migrates and seeds, the second finds the database ready.
  for (let i = 0; i < 2; i++) {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      UPLOAD_DIR: path.join(dir, `uploads-${i}`),
      SESSION_SECRET: SECRET,
      AGENT_HOURS: 'always',
    });
    const app = await createApp({ config, logger: createMemoryLogger() });
    const url = await app.start(0);
    const instance: Instance = {
      app,
      url: url.replace('localhost', '127.0.0.1'),
      alive: true,
      async crash() {
        instance.alive = false;
        app.server.server.closeAllConnections?.();
        app.server.close();
        await app.knex.destroy();
        await app.coordination.close();
      },
    };
    instances.push(instance);
  }
  const forwarded = [0, 0];
  // Like a load balancer: a bounded pool of kept-alive connections to each instance.
  const upstreams = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let next = 0;
  const proxy = http.createServer((req, res) => {
    const alive = instances.map((x, i) => [x, i] as const).filter(([x]) => x.alive);
    if (alive.length === 0) {
      res.writeHead(502);
      res.end();
      return;
    }
    const [target, index] = alive[next++ % alive.length];
    forwarded[index] += 1;
    const upstream = http.request(`${target.url}${req.url}`, { method: req.method, headers: req.headers, agent: upstreams }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  return {
    instances,
    proxyUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    forwarded,
    schema,
    databaseUrl,
    async close() {
      proxy.closeAllConnections();
      upstreams.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      for (const instance of instances) if (instance.alive) await instance.app.stop();
      const cleanup = createKnex(baseUrl, { poolMax: 1 });
      await cleanup.raw('drop schema if exists ?? cascade', [schema]);
      await cleanup.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A Bot Framework channel in the test: receives what the bot sends proactively to `serviceUrl`. */
export async function startFakeConnector(): Promise<{ serviceUrl: string; received: Array<{ conversationId: string; text?: string }>; close(): Promise<void> }> {
  const received: Array<{ conversationId: string; text?: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (match && req.method === 'POST') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: string };
        received.push({ conversationId: decodeURIComponent(match[1]), text: body.text });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One user message through POST /api/messages in "expect replies" mode; the bot's texts come back. */
export async function say(baseUrl: string, conversationId: string, text: string, serviceUrl = 'http://127.0.0.1:9', id = randomBytes(6).toString('hex')): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id,
      text,
      channelId: 'emulator',
      serviceUrl,
      conversation: { id: conversationId },
      from: { id: `user-${conversationId}` },
      recipient: { id: 'bot' },
      deliveryMode: 'expectReplies',
    }),
  });
  if (response.status !== 200) throw new Error(`/api/messages answered ${response.status}`);
  const body = (await response.json()) as { activities?: Array<{ type: string; text?: string }> };
  return (body.activities ?? []).filter((a) => a.type === 'message' && a.text).map((a) => a.text!);
}
