// Runs CPU-heavy work on client input (PDF parsing) in worker threads, so a hostile file can never hold
// the event loop that answers every other user. A small fixed pool (1–2 threads on a 2-core server), a
// bounded queue (past it the caller is told "busy" at once instead of waiting behind an attacker's
// files), V8 heap and stack limits per thread, and a hard deadline per task: a task still running at
// its deadline has its thread terminated and replaced; the next task gets a fresh one.
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { WorkerScript } from './workerScript';

export interface WorkerPoolOptions {
  script: WorkerScript;
  /** Threads; each runs one task at a time. */
  size: number;
  /** Tasks waiting for a thread; one more is refused as busy. */
  maxQueue: number;
  /** From the moment a thread starts a task until it is terminated. */
  deadlineMs: number;
  resourceLimits: ResourceLimits;
}

export type PoolOutcome<R> =
  | { kind: 'done'; value: R }
  /** The queue was full: nothing ran. */
  | { kind: 'busy' }
  /** The task passed its deadline; its thread was terminated. */
  | { kind: 'deadline' }
  /** The thread died (out of memory, a native crash…); it was replaced. */
  | { kind: 'crashed'; code: string };

/** Messages between the pool and a worker (see workerTask.ts for the worker side). */
export type ToWorker<P> = { id: number; payload: P };
export type FromWorker<R> = { ready: true } | { id: number; value: R };

interface Task<P, R> {
  id: number;
  payload: P;
  transfer: ArrayBuffer[];
  resolve(outcome: PoolOutcome<R>): void;
}

interface Slot<P, R> {
  worker: Worker;
  ready: boolean;
  task?: Task<P, R>;
  timer?: NodeJS.Timeout;
}

export class WorkerPool<P, R> {
  private readonly slots: (Slot<P, R> | undefined)[];
  private readonly queue: Task<P, R>[] = [];
  private nextId = 1;
  private closed = false;
  /** Told each time a thread starts a task (tests and the benchmark observe work in progress). */
  onTaskStart?: () => void;

  constructor(private readonly options: WorkerPoolOptions) {
    if (options.size < 1) throw new Error('a worker pool needs at least one thread');
    this.slots = new Array<Slot<P, R> | undefined>(options.size).fill(undefined);
  }

  /** Tasks running or waiting. */
  get pending(): number {
    return this.queue.length + this.slots.filter((slot) => slot?.task).length;
  }

  run(payload: P, transfer: ArrayBuffer[] = []): Promise<PoolOutcome<R>> {
    if (this.closed) return Promise.reject(new Error('worker pool closed'));
    // Free threads take a waiting task each (one still starting has not taken its task yet).
    const free = this.slots.filter((slot) => !slot?.task).length;
    if (this.queue.length >= this.options.maxQueue + free) return Promise.resolve({ kind: 'busy' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, payload, transfer, resolve });
      this.dispatch();
    });
  }

  /** Terminates every thread; running and waiting tasks end as crashed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.resolve({ kind: 'crashed', code: 'pool_closed' });
    await Promise.all(
      this.slots.map(async (slot, index) => {
        if (!slot) return;
        this.slots[index] = undefined;
        this.finish(slot, { kind: 'crashed', code: 'pool_closed' });
        await slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    for (let index = 0; index < this.slots.length && this.queue.length > 0; index++) {
      const slot = this.slots[index] ?? this.spawn(index);
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => this.expire(index, slot), this.options.deadlineMs);
      slot.worker.postMessage({ id: task.id, payload: task.payload } satisfies ToWorker<P>, task.transfer);
      this.onTaskStart?.();
    }
  }

  private spawn(index: number): Slot<P, R> {
    const { script, resourceLimits } = this.options;
    const worker = new Worker(script.filename, { argv: script.argv, resourceLimits, stdout: false, stderr: false });
    // An idle pool must not keep the process alive.
    worker.unref();
    const slot: Slot<P, R> = { worker, ready: false };
    this.slots[index] = slot;
    worker.on('message', (message: FromWorker<R>) => {
      if ('ready' in message) {
        slot.ready = true;
      } else if (slot.task?.id === message.id) {
        this.finish(slot, { kind: 'done', value: message.value });
      }
      this.dispatch();
    });
    // 'error' carries the cause (ERR_WORKER_OUT_OF_MEMORY…); 'exit' follows it, or comes alone.
    let cause = 'exited';
    worker.on('error', (error: Error & { code?: string }) => {
      cause = error.code ?? error.name;
    });
    worker.on('exit', () => {
      if (this.slots[index] !== slot) return;
      this.slots[index] = undefined;
      this.finish(slot, { kind: 'crashed', code: cause });
      if (!this.closed) this.dispatch();
    });
    return slot;
  }

  /** The task ran past its deadline: end it, and drop the thread (V8 stops it even mid-loop). */
  private expire(index: number, slot: Slot<P, R>): void {
    if (this.slots[index] !== slot) return;
    this.slots[index] = undefined;
    this.finish(slot, { kind: 'deadline' });
    void slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }

  private finish(slot: Slot<P, R>, outcome: PoolOutcome<R>): void {
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = undefined;
    slot.timer = undefined;
    task?.resolve(outcome);
  }
}
