// Runs the expiry sweep on an interval in production. The state it works on is in the database
// (expires_at), so a restart loses nothing: the next sweep after start catches up. Tests call
// HandoffService.sweepExpired directly with a fixed clock instead.
import { Logger } from '../observability/logger';

export interface ExpirySweeper {
  stop(): void;
}

export function startExpirySweeper(
  service: { sweepExpired(): Promise<number> },
  options: { logger: Logger; intervalMs?: number },
): ExpirySweeper {
  let running = false;
  const tick = () => {
    // A slow sweep (database busy) must not pile up behind itself.
    if (running) return;
    running = true;
    service
      .sweepExpired()
      .catch((error: unknown) => options.logger.error('handoff_sweep_failed', { error: error as Error }))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 30_000);
  // The sweep never keeps the process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
