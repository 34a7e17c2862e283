// The event flood of a hostile web chat client, against the real server in a child process (as
// `npm start` runs it): four conversations post events as fast as they can — 250 KB ones, as in the
// original report, and 3 KB ones that pass the size check — for BENCH_FLOOD_SECONDS (40 by default).
// What counts is the server's RSS growth over the flood (target ≤ 50 MB); its answers are tallied.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import type { BenchSection } from './report';

export interface FloodFigures {
  seconds: number;
  rss_baseline_mb: number;
  rss_peak_mb: number;
  rss_growth_mb: number;
  target_growth_mb: number;
  posts: number;
  answers: Record<string, number>;
}

const MB = 1024 * 1024;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb * 1024;
}

async function waitForHealth(base: string, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the server did not answer /health in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function openChat(base: string): Promise<{ token: string; conversationId: string }> {
  const ticket = (await (await fetch(`${base}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
  const start = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${ticket.token}` } });
  if (!start.ok) throw new Error(`start: ${start.status}`);
  return ticket;
}

export async function benchEventFlood(seconds = Number(process.env.BENCH_FLOOD_SECONDS ?? 40)): Promise<FloodFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ov-bench-flood-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: base,
      DATABASE_URL: `sqlite:${path.join(dir, 'flood.sqlite3')}`,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(base, 60_000);
    const chats = await Promise.all([1, 2, 3, 4].map(() => openChat(base)));
    const big = { type: 'event', name: 'flood', value: 'v'.repeat(250 * 1024) };
    const small = { type: 'event', name: 'flood', value: 's'.repeat(3 * 1024) };
    const baseline = rssOf(server.pid!);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid!))), 250);
    const answers: Record<string, number> = {};
    let posts = 0;
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      chats.map(async ({ token, conversationId }, n) => {
        for (let i = n; Date.now() < end; i++) {
          const response = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(i % 2 === 0 ? big : small),
          });
          await response.arrayBuffer();
          posts += 1;
          answers[response.status] = (answers[response.status] ?? 0) + 1;
        }
      }),
    );
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(server.pid!));
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      seconds,
      rss_baseline_mb: round(baseline / MB),
      rss_peak_mb: round(peak / MB),
      rss_growth_mb: round((peak - baseline) / MB),
      target_growth_mb: 50,
      posts,
      answers,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The flood as a section of `npm run bench`: its figures and target go into the shared report. */
export const eventFlood: BenchSection = {
  name: 'web chat event flood',
  async run(report) {
    const flood = await benchEventFlood();
    report.figures.event_flood_seconds = flood.seconds;
    report.figures.event_flood_posts = flood.posts;
    report.figures.event_flood_rss_baseline_mb = flood.rss_baseline_mb;
    report.figures.event_flood_rss_peak_mb = flood.rss_peak_mb;
    report.targets.event_flood_rss_growth_mb = {
      value: flood.rss_growth_mb,
      target: `≤ ${flood.target_growth_mb} MB`,
      met: flood.rss_growth_mb <= flood.target_growth_mb,
    };
    for (const [answer, count] of Object.entries(flood.answers)) report.figures[`event_flood_answers_${answer}`] = count;
  },
};
