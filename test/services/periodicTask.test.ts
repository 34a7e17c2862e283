import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../src/observability/logger';
import { PeriodicTask } from '../../src/services/periodicTask';

describe('PeriodicTask', () => {
  it('runs the job and logs how many things it handled', async () => {
    const logger = createMemoryLogger();
    let runs = 0;
    const task = new PeriodicTask('sweep', 60_000, async () => ++runs, logger);
    await task.runOnce();
    expect(runs).toBe(1);
    expect(JSON.parse(logger.lines[0])).toMatchObject({ event: 'sweep.ran', count: 1 });
  });

  it('a failing run is logged without its message and never escapes into the timer', async () => {
    const logger = createMemoryLogger();
    const task = new PeriodicTask('sweep', 60_000, async () => Promise.reject(new Error('borrando 1045678901')), logger);
    await expect(task.runOnce()).resolves.toBeUndefined();
    expect(logger.lines[0]).toContain('sweep.failed');
    expect(logger.lines[0]).not.toContain('1045678901');
  });

  it('runs once per interval while started, once even if started twice, and not at all after stop', async () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      const task = new PeriodicTask('sweep', 60_000, async () => ++runs, createMemoryLogger());
      task.start();
      task.start();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runs).toBe(1);
      await task.stop();
      await vi.advanceTimersByTimeAsync(180_000);
      expect(runs).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never overlaps a slow run, goes on after a failed one, and stop() waits for the run in progress', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      let release: (() => void) | undefined;
      const task = new PeriodicTask(
        'handoff-expiry',
        1000,
        () => {
          calls += 1;
          if (calls === 1) return Promise.reject(new Error('database busy'));
          return new Promise<number>((resolve) => (release = () => resolve(0)));
        },
        createMemoryLogger(),
      );
      task.start();
      await vi.advanceTimersByTimeAsync(1000);
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls).toBe(2);
      // The second run is still going: later ticks do not start another one.
      await vi.advanceTimersByTimeAsync(3000);
      expect(calls).toBe(2);
      let stopped = false;
      const stopping = task.stop().then(() => (stopped = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(stopped).toBe(false);
      release?.();
      await stopping;
      expect(stopped).toBe(true);
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
