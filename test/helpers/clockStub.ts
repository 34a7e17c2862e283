// Minimal fixed clock for bot-core tests (the storage helper provides a richer one in clock.ts).
import { Clock } from '../../src/domain/clock';

export function stoppedClock(iso: string): Clock & { advance(ms: number): void; set(iso: string): void } {
  let current = new Date(iso).getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
    set: (next: string) => {
      current = new Date(next).getTime();
    },
  };
}
