// PDF inspection off the event loop: every upload (web chat, both WhatsApp channels, the agent console,
// photos turned into PDFs) is inspected by pdfInspection.ts inside a worker thread of this pool. The
// inexpensive refusals (empty, too large, not a PDF) are answered here without a thread.
import path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { WorkerPool, type PoolOutcome } from './offload/workerPool';
import { workerScript } from './offload/workerScript';
import { type InspectPdfOptions, type PdfInspection, quickRefusal } from './pdfInspection';
import type { PdfInspectionTask } from './pdfInspectionWorker';

export interface PdfInspectionPoolOptions {
  /** Threads (1–2 on a 2-core server: one must stay for the event loop). */
  size: number;
  /** Files waiting for a thread; one more is refused as busy. */
  maxQueue: number;
  /** A thread still inspecting after this long is terminated; the file is refused. */
  deadlineMs: number;
  resourceLimits: ResourceLimits;
}

/**
 * The parse budget stops pdf-lib after 5 s; the deadline is the backstop for anything it does not see.
 * The heap bounds what one thread may hold: the 15 MB file, 32 MB of inflated streams and pdf-lib's objects.
 */
export const DEFAULT_PDF_POOL_OPTIONS: PdfInspectionPoolOptions = {
  size: 1,
  maxQueue: 8,
  deadlineMs: 8_000,
  resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
};

export class PdfInspectionPool {
  private readonly pool: WorkerPool<PdfInspectionTask, PdfInspection>;

  constructor(options: Partial<PdfInspectionPoolOptions> = {}) {
    const settings = { ...DEFAULT_PDF_POOL_OPTIONS, ...options };
    this.pool = new WorkerPool({ ...settings, script: workerScript(path.join(__dirname, 'pdfInspectionWorker')) });
  }

  /** Told each time a thread starts inspecting a file. */
  set onInspectionStart(listener: (() => void) | undefined) {
    this.pool.onTaskStart = listener;
  }

  async inspect(bytes: Buffer, options: InspectPdfOptions = {}): Promise<PdfInspection> {
    const refused = quickRefusal(bytes, options.maxBytes);
    if (refused) return refused;
    // A copy the thread owns: the caller's buffer may be a slice of a shared pool.
    const copy = new Uint8Array(bytes);
    return fromOutcome(await this.pool.run({ bytes: copy, options }, [copy.buffer]));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function fromOutcome(outcome: PoolOutcome<PdfInspection>): PdfInspection {
  switch (outcome.kind) {
    case 'done':
      return outcome.value;
    case 'busy':
      return { ok: false, reason: 'busy' };
    case 'deadline':
      return { ok: false, reason: 'unreadable', detail: 'limit: deadline' };
    case 'crashed':
      return { ok: false, reason: 'unreadable', detail: `worker: ${outcome.code}` };
  }
}
