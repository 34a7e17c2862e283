// Where a worker thread's code is. `npm start` runs the compiled dist/, where each entry has its .js
// next to this file's .js. The test runner loads the TypeScript sources, which a worker thread cannot
// run by itself: there the thread starts typescriptWorker.cjs, which compiles the entry and what it
// imports on the fly with the project's own TypeScript compiler.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface WorkerScript {
  filename: string;
  argv?: string[];
}

/** `entry` is a path without extension, usually `path.join(__dirname, 'someWorker')`. */
export function workerScript(entry: string): WorkerScript {
  if (existsSync(`${entry}.js`)) return { filename: `${entry}.js` };
  if (existsSync(`${entry}.ts`)) return { filename: path.join(__dirname, 'typescriptWorker.cjs'), argv: [`${entry}.ts`] };
  throw new Error(`worker entry not found: ${path.basename(entry)}`);
}
