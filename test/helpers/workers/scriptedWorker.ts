// A worker for the pool's own tests: echoes its payload, spins forever on "spin" (a task that never
// yields, like a parser stuck in a loop), or fills its heap on "fill" (past resourceLimits).
import { serveTasks } from '../../../src/services/offload/workerTask';

serveTasks<string, string>((payload) => {
  if (payload === 'spin') for (;;);
  if (payload === 'fill') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1_000_000).fill(1));
  }
  return `echo:${payload}`;
});
