// A clock that stands still until the test moves it.
import type { Clock } from '../../src/domain/clock';

export interface FixedClock extends Clock {
  advance(ms: number): void;
  set(iso: string): void;
}

export function fixedClock(iso: string): FixedClock {
  let current = Date.parse(iso);
  if (Number.isNaN(current)) throw new RangeError(`not a date: ${iso}`);
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (next) => {
      current = Date.parse(next);
    },
  };
}
