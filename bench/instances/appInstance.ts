// One Oficina Virtual instance for the bench: the real createApp on DATABASE_URL (migrated and seeded
// like `npm start`), listening on an ephemeral port that it tells the parent over IPC. Optional
// synthetic affiliates for whole-flow runs are seeded by the parent (bench/wholeFlows.ts), not here.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/observability/logger';
import { UNTHROTTLED_DIRECT_LINE_LIMITS } from '../unthrottledLimits';

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ov-bench-instance-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    SESSION_SECRET: process.env.SESSION_SECRET,
    AGENT_HOURS: 'always',
    // The stored-conversations run stands for many people: it says who each is with X-Forwarded-For.
    TRUST_PROXY: process.env.TRUST_PROXY,
  });
  // BENCH_UNTHROTTLED_CONVERSATIONS=1: each conversation may post as fast as it is answered (the concurrent
  // turns measure the turn, not the web chat's per-person message rate of DEFAULT_DIRECT_LINE_LIMITS).
  const unthrottled = process.env.BENCH_UNTHROTTLED_CONVERSATIONS === '1';
  const directLineLimits = unthrottled ? UNTHROTTLED_DIRECT_LINE_LIMITS : undefined;
  const app = await createApp({ config, logger: silentLogger, directLineLimits });
  const url = await app.start(0);
  process.send?.({ port: Number(new URL(url).port) });
  const stop = () => {
    void app.stop().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  // The bench asks for a full collection before it reads the memory kept after a run (node --expose-gc).
  // Twice: the pages the first one frees are handed back to the system by the second.
  process.on('message', (message: { collect?: boolean }) => {
    if (!message.collect) return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    process.send?.({ collected: true, heapUsed: process.memoryUsage().heapUsed });
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench instance failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
