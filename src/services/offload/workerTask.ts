// The worker side of workerPool.ts: announce readiness once the code is loaded, then answer each task.
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './workerPool';

export function serveTasks<P, R>(handle: (payload: P) => Promise<R> | R): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs only inside a worker thread');
  port.on('message', (message: ToWorker<P>) => {
    void (async () => {
      const value = await handle(message.payload);
      port.postMessage({ id: message.id, value } satisfies FromWorker<R>);
    })();
  });
  port.postMessage({ ready: true } satisfies FromWorker<R>);
}
