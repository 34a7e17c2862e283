// A job run every intervalMs while the server runs (sweeps, pruning). Its state lives in the database
// or on disk, never in the timer, so a restart loses nothing; stop() waits for a run in progress.
import type { Logger } from '../observability/logger';

/** Runs the job only where no other instance is running it now (undefined: skipped this time). */
export type TaskClaim = (name: string, job: () => Promise<unknown>) => Promise<{ ran: boolean; value?: unknown }>;

export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private claim: TaskClaim | undefined;

  constructor(
    readonly name: string,
    private readonly intervalMs: number,
    private readonly job: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /**
   * Work on the shared database: with several instances one of them runs each round (the others skip it).
   * Work on this instance's own disk stays unclaimed.
   */
  claimedThrough(claim: TaskClaim): this {
    this.claim = claim;
    return this;
  }

  /** One run now; errors are logged (without personal data), never thrown into the timer. */
  async runOnce(): Promise<void> {
    try {
      const outcome = this.claim ? await this.claim(`task:${this.name}`, this.job) : { ran: true, value: await this.job() };
      if (!outcome.ran) return this.logger.debug(`${this.name}.skipped`, {});
      const result = outcome.value;
      this.logger.debug(`${this.name}.ran`, typeof result === 'number' ? { count: result } : {});
    } catch (error) {
      this.logger.warn(`${this.name}.failed`, { error: error as Error });
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
