// Web chat turns over the Direct Line endpoints, one conversation and twenty at once, and the start
// of the app on an empty database (migrate + seed), on SQLite and on BENCH_DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/observability/logger';
import { postJson } from './load';
import { BenchReport, BenchSection, measure, round, rowFrom } from './report';
import { UNTHROTTLED_DIRECT_LINE_LIMITS } from './unthrottledLimits';

/** A web chat opened the way the page does it, from its own client address (`person`). */
async function openWebChat(base: string, person: number): Promise<{ token: string; id: string; person: number }> {
  const ticket = await postJson<{ token: string; conversationId: string }>(`${base}/api/webchat/token`, {}, undefined, person);
  await postJson(`${base}/v3/directline/conversations`, {}, ticket.token, person);
  return { token: ticket.token, id: ticket.conversationId, person };
}

async function benchDirectLine(report: BenchReport, tmp: string, databaseUrl: string, label: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmp, 'webchat-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, UPLOAD_DIR: path.join(dir, 'uploads'), TRUST_PROXY: '1' });
  const seedStart = performance.now();
  // One conversation posting 200 times as fast as it is answered: the turn is measured, not the per-person rate.
  const app = await createApp({ config, logger: silentLogger, directLineLimits: UNTHROTTLED_DIRECT_LINE_LIMITS });
  const seedMs = performance.now() - seedStart;
  const base = await app.start(0);
  try {
    const one = await openWebChat(base, 0);
    const url = `${base}/v3/directline/conversations/${one.id}/activities`;
    const sequential = await measure(
      report,
      `web chat turn, one conversation (${label})`,
      200,
      (i) => postJson(url, { type: 'message', from: { id: 'bench' }, text: i % 2 ? 'ayuda' : 'menú' }, one.token, one.person),
      'POST /activities until the bot has answered (state read and written each turn)',
    );

    // Twenty people writing at once: turns of different conversations overlap, each conversation stays in order.
    // Each from their own address, as twenty people are.
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => openWebChat(base, i + 1)));
    const start = performance.now();
    const latencies: number[] = [];
    await Promise.all(
      people.map(async (p) => {
        for (let i = 0; i < 10; i++) {
          const t = performance.now();
          await postJson(`${base}/v3/directline/conversations/${p.id}/activities`, { type: 'message', from: { id: 'bench' }, text: 'ayuda' }, p.token, p.person);
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
