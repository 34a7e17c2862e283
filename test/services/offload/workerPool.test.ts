import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, type WorkerPoolOptions } from '../../../src/services/offload/workerPool';
import { workerScript } from '../../../src/services/offload/workerScript';

const pools: WorkerPool<string, string>[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool<string, string> {
  const created = new WorkerPool<string, string>({
    script: workerScript(path.join(__dirname, '../../helpers/workers/scriptedWorker')),
    size: 1,
    maxQueue: 2,
    deadlineMs: 10_000,
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    ...options,
  });
  pools.push(created);
  return created;
}

/** Resolves when the pool's thread starts its next task. */
function nextStart(target: WorkerPool<string, string>): Promise<void> {
  return new Promise((resolve) => {
    target.onTaskStart = () => resolve();
  });
}

describe('WorkerPool', () => {
  it('runs a task in a worker thread (from TypeScript sources under the test runner)', async () => {
    expect(await pool().run('hola')).toEqual({ kind: 'done', value: 'echo:hola' });
  });

  it('terminates a task that passes its deadline, and the next task runs on a fresh thread', async () => {
    const p = pool({ deadlineMs: 300 });
    expect(await p.run('spin')).toEqual({ kind: 'deadline' });
    expect(await p.run('otra')).toEqual({ kind: 'done', value: 'echo:otra' });
  });

  it('refuses at once as busy when the queue is full, and serves the queued tasks in order', async () => {
    const p = pool({ deadlineMs: 500, maxQueue: 1 });
    const started = nextStart(p);
    const stuck = p.run('spin');
    await started;
    const queued = p.run('segunda');
    expect(await p.run('tercera')).toEqual({ kind: 'busy' });
    expect(await stuck).toEqual({ kind: 'deadline' });
    expect(await queued).toEqual({ kind: 'done', value: 'echo:segunda' });
  });

  it('a thread that runs out of its heap limit ends its task as crashed; the pool recovers', async () => {
    const p = pool({ resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 } });
    expect(await p.run('fill')).toEqual({ kind: 'crashed', code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(await p.run('después')).toEqual({ kind: 'done', value: 'echo:después' });
  });
});
