// The production timer around the sweep: it sweeps on its interval, never runs two sweeps at once, keeps
// going after a failed sweep, and stops.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startExpirySweeper } from '../../src/handoff/expirySweeper';
import { createMemoryLogger } from '../../src/observability/logger';

describe('expiry sweeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sweeps every interval, one sweep at a time, and survives a failing sweep', async () => {
    const logger = createMemoryLogger();
    let calls = 0;
    let release: (() => void) | undefined;
    const service = {
      sweepExpired: () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('database busy'));
        return new Promise<number>((resolve) => {
          release = () => resolve(0);
        });
      },
    };
    const sweeper = startExpirySweeper(service, { logger, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    expect(logger.lines.some((l) => l.includes('handoff_sweep_failed'))).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    // The second sweep is still running: the next ticks wait for it.
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(2);
    release?.();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
    sweeper.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(3);
  });
});
