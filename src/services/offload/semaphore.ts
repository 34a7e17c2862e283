// At most `permits` holders at once and at most `maxQueue` waiting: past that acquire() answers
// undefined at once, so a caller can say "busy, try again" instead of queueing without bound.
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly permits: number,
    private readonly maxQueue: number,
  ) {}

  /** Resolves with a release function, or undefined when the queue is full. */
  async acquire(): Promise<(() => void) | undefined> {
    if (this.active >= this.permits) {
      if (this.waiting.length >= this.maxQueue) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The permit passes straight to the next waiter.
      if (next) next();
      else this.active--;
    };
  }
}
