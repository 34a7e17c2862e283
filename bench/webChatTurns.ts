// Web chat turns over the Direct Line endpoints, one conversation and twenty at once, and the start
// of the app on an empty database (migrate + seed), on SQLite and on BENCH_DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/observability/logger';
import { BenchReport, BenchSection, measure, round, rowFrom } from './report';

export async function postJson(url: string, token: string | undefined, body: unknown): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} → ${response.status}`);
  return response;
}

export async function openWebChat(base: string): Promise<{ token: string; id: string }> {
  const ticket = (await (await postJson(`${base}/api/webchat/token`, undefined, {})).json()) as { token: string; conversationId: string };
  await postJson(`${base}/v3/directline/conversations`, ticket.token, {});
  return { token: ticket.token, id: ticket.conversationId };
}

async function benchDirectLine(report: BenchReport, tmp: string, databaseUrl: string, label: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmp, 'webchat-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, UPLOAD_DIR: path.join(dir, 'uploads') });
  const seedStart = performance.now();
  const app = await createApp({ config, logger: silentLogger });
  const seedMs = performance.now() - seedStart;
  const base = await app.start(0);
  try {
    const one = await openWebChat(base);
    const url = `${base}/v3/directline/conversations/${one.id}/activities`;
    const sequential = await measure(
      report,
      `web chat turn, one conversation (${label})`,
      200,
      (i) => postJson(url, one.token, { type: 'message', from: { id: 'bench' }, text: i % 2 ? 'ayuda' : 'menú' }),
      'POST /activities until the bot has answered (state read and written each turn)',
    );

    // Twenty people writing at once: turns of different conversations overlap, each conversation stays in order.
    const people = await Promise.all(Array.from({ length: 20 }, () => openWebChat(base)));
    const start = performance.now();
    const latencies: number[] = [];
    await Promise.all(
      people.map(async (p) => {
        for (let i = 0; i < 10; i++) {
          const t = performance.now();
          await postJson(`${base}/v3/directline/conversations/${p.id}/activities`, p.token, { type: 'message', from: { id: 'bench' }, text: 'ayuda' });
          latencies.push(performance.now() - t);
        }
      }),
    );
    const concurrent = rowFrom(`web chat turns, 20 conversations at once (${label})`, latencies, performance.now() - start);
    report.rows.push(concurrent);
    report.ratios[`concurrent_vs_sequential_throughput_${label}`] = round(concurrent.per_second / sequential.per_second);
    report.rows.push({ name: `start on an empty database: migrate + seed (${label})`, n: 1, p50_ms: round(seedMs), p95_ms: round(seedMs), per_second: 0 });
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const webChatTurns: BenchSection = {
  name: 'web chat turns',
  async run(report, env) {
    await benchDirectLine(report, env.tmp, `sqlite:${path.join(env.tmp, 'webchat.sqlite3')}`, 'SQLite');
    if (env.postgresUrl) await benchDirectLine(report, env.tmp, env.postgresUrl, 'PostgreSQL');
  },
};
