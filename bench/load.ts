// Load generation for the bench: servers run in child processes (so the load generator's CPU and heap
// are not counted in theirs, and RSS is the server's own), clients are closed loops — each conversation
// sends its next message when the previous one was answered — over keep-alive HTTP connections.
import { ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Row, rowFrom } from './report';

export interface Instance {
  port: number;
  base: string;
  child: ChildProcess;
  rssMb(): number;
  /** Asks the instance for a full garbage collection (appInstance only); resolves with its heap then in use, in MB. */
  collectGarbage(): Promise<number>;
  stop(): Promise<void>;
}

/** Forks bench/instances/<script>.js (compiled) with env, and waits for it to report its port. */
export async function startInstance(script: 'echoBot' | 'appInstance', env: Record<string, string | undefined> = {}): Promise<Instance> {
  const child = fork(path.join(__dirname, 'instances', `${script}.js`), [], {
    // Two malloc arenas, as `npm start` runs the server: glibc otherwise gives each thread of libuv's pool
    // (where SQLite runs its statements) an arena of its own, ~30 MB of RSS that holds no data.
    env: { MALLOC_ARENA_MAX: '2', ...process.env, ...env },
    // BENCH_CPU_PROF=dir: each server writes a V8 CPU profile there when it stops (open in Chrome DevTools).
    // --expose-gc: collectGarbage() separates memory the instance keeps from garbage it has not collected yet.
    execArgv: ['--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 120 s`)), 120_000);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening`));
    });
  });
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    child,
    rssMb: () => processRssMb(child.pid!),
    collectGarbage: () =>
      new Promise<number>((resolve) => {
        const answered = (message: { collected?: boolean; heapUsed?: number }) => {
          if (!message.collected) return;
          child.off('message', answered);
          resolve(Math.round((message.heapUsed ?? 0) / 1024 / 1024));
        };
        child.on('message', answered);
        child.send({ collect: true });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process (Linux /proc), in MB. */
export function processRssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface HttpResult {
  status: number;
  body: string;
}

/** A small HTTP client on a keep-alive agent (lighter than fetch, so the load generator steals less CPU). */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** `person`: a number standing for one client address (X-Forwarded-For, honoured by instances started with TRUST_PROXY=1). */
export async function postJson<T = unknown>(url: string, body: unknown, token?: string, person?: number): Promise<T> {
  const result = await request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(person === undefined ? {} : { 'x-forwarded-for': `10.${(person >> 16) & 255}.${(person >> 8) & 255}.${person & 255}` }),
    },
    body: JSON.stringify(body),
  });
  if (result.status >= 300) throw new Error(`${url} → ${result.status} ${result.body.slice(0, 200)}`);
  return (result.body ? JSON.parse(result.body) : undefined) as T;
}

/** One Bot Framework activity in "expect replies" mode: the answer comes back in the HTTP response. */
export function expectRepliesActivity(conversationId: string, text: string, seq: number): Record<string, unknown> {
  return {
    type: 'message',
    id: `${conversationId}-${seq}`,
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversationId },
    from: { id: `user-${conversationId}` },
    recipient: { id: 'bot' },
    deliveryMode: 'expectReplies',
  };
}

export interface LoadOptions {
  name: string;
  conversations: number;
  durationMs: number;
  warmupMs?: number;
  /** Sends the i-th message of conversation c and resolves when it was answered. */
  turn(conversation: number, i: number): Promise<void>;
  /** Told when the measured window starts and ends (after the warm-up). */
  window?: { start(): void; end(): void };
}

/** Closed-loop load: `conversations` loops run for durationMs after a warm-up; latencies of the measured part only. */
export async function runLoad(options: LoadOptions): Promise<Row> {
  const latencies: number[] = [];
  const counters = new Array<number>(options.conversations).fill(0);
  let completedInWindow = 0;
  let errors = 0;
  const warmupMs = options.warmupMs ?? 2000;
  const warmupEnd = performance.now() + warmupMs;
  const end = warmupEnd + options.durationMs;
  const window = options.window;
  const timers = window ? [setTimeout(() => window.start(), warmupMs), setTimeout(() => window.end(), warmupMs + options.durationMs)] : [];
  await Promise.all(
    counters.map(async (_, c) => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await options.turn(c, counters[c]++);
        } catch {
          errors += 1;
          continue;
        }
        const done = performance.now();
        if (done >= warmupEnd && done <= end) completedInWindow += 1;
        if (t >= warmupEnd && done <= end) latencies.push(done - t);
      }
    }),
  );
  for (const timer of timers) clearTimeout(timer);
  if (latencies.length === 0) throw new Error(`${options.name}: no turn completed in the measured window`);
  const row = rowFrom(options.name, latencies, options.durationMs, errors > 0 ? { note: `${errors} failed turns` } : {});
  // Throughput counts every turn that ended in the window, latencies only turns that started in it.
  row.per_second = Math.round((completedInWindow / options.durationMs) * 1000 * 10) / 10;
  return row;
}
