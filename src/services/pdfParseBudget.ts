// Limits on what pdf-lib may spend while loading one untrusted upload. pdf-lib inflates object streams and
// cross-reference streams during PDFDocument.load with no bound: a 200 KB upload of compressed zeros was
// measured taking 13 s and +194 MiB, and a 15 MB one would exhaust memory and take the whole server down.
// Parsing ~80 µs per object, a file of 200,000 tiny objects also costs ~16 s of CPU.
// So, while a budget is active (AsyncLocalStorage: concurrent inspections each get their own), two
// pdf-lib internals are wrapped: the growth of every decoded stream buffer (DecodeStream.ensureBuffer,
// shared by the Flate, LZW, ASCII85, ASCIIHex and RunLength decoders) and the registration of every
// parsed object (PDFContext.assign). Every byte range pdf-lib tokenizes (the file, then each inflated
// object stream: PDFObjectStreamParser.parseIntoContext) is first scanned by pdfSyntaxScan.ts against the
// same budget, so huge direct objects are refused before pdf-lib spends seconds on them. Outside a budget
// all three behave exactly as before.
import { AsyncLocalStorage } from 'node:async_hooks';
import { PDFContext, type PDFObject, type PDFRef } from 'pdf-lib';
// Internal modules of pdf-lib (no "exports" map restricts them); the wraps are checked by the bomb tests.
import PDFObjectStreamParser from 'pdf-lib/cjs/core/parser/PDFObjectStreamParser';
import DecodeStream from 'pdf-lib/cjs/core/streams/DecodeStream';
import { scanPdfSyntax, type SyntaxCounters, type SyntaxLimit, type SyntaxLimits } from './pdfSyntaxScan';

export interface ParseLimits {
  /** Bytes all decoded streams may take together. */
  maxDecodedBytes: number;
  maxObjects: number;
  maxMilliseconds: number;
  syntax: SyntaxLimits;
}

export type BudgetExceeded = 'decoded_bytes' | 'objects' | 'time' | `syntax_${SyntaxLimit}`;

interface Budget {
  limits: ParseLimits;
  startedAt: number;
  decodedBytes: number;
  objects: number;
  syntax: SyntaxCounters;
  exceeded?: BudgetExceeded;
}

export class ParseBudgetError extends Error {
  constructor(readonly exceeded: BudgetExceeded) {
    super(`PDF parse budget exceeded: ${exceeded}`);
    this.name = 'ParseBudgetError';
  }
}

const current = new AsyncLocalStorage<Budget>();

function check(budget: Budget): void {
  if (!budget.exceeded) {
    if (budget.decodedBytes > budget.limits.maxDecodedBytes) budget.exceeded = 'decoded_bytes';
    else if (budget.objects > budget.limits.maxObjects) budget.exceeded = 'objects';
    else if (performance.now() - budget.startedAt > budget.limits.maxMilliseconds) budget.exceeded = 'time';
  }
  if (budget.exceeded) throw new ParseBudgetError(budget.exceeded);
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  type Growable = { buffer: Uint8Array; ensureBuffer(requested: number): Uint8Array };
  const decodePrototype = DecodeStream.prototype as unknown as Growable;
  const ensureBuffer = decodePrototype.ensureBuffer;
  decodePrototype.ensureBuffer = function (this: Growable, requested: number) {
    const budget = current.getStore();
    if (!budget) return ensureBuffer.call(this, requested);
    const before = this.buffer.byteLength;
    if (requested > before) {
      // The buffer doubles until it fits (as ensureBuffer does); count that growth before it is allocated,
      // so a bomb is stopped before the memory is taken.
      let size = Math.max(before, 512);
      while (size < requested) size *= 2;
      budget.decodedBytes += size - before;
      check(budget);
    }
    return ensureBuffer.call(this, requested);
  };
  const assign = PDFContext.prototype.assign;
  PDFContext.prototype.assign = function (this: PDFContext, ref: PDFRef, object: PDFObject) {
    const budget = current.getStore();
    if (budget) {
      budget.objects++;
      if (budget.objects % 256 === 0 || budget.objects > budget.limits.maxObjects) check(budget);
    }
    assign.call(this, ref, object);
  };
  type ObjectStreamParser = { bytes: { bytes: Uint8Array }; parseIntoContext(): Promise<void> };
  const streamPrototype = PDFObjectStreamParser.prototype as unknown as ObjectStreamParser;
  const parseIntoContext = streamPrototype.parseIntoContext;
  streamPrototype.parseIntoContext = function (this: ObjectStreamParser) {
    const budget = current.getStore();
    if (budget) scanWithin(budget, this.bytes.bytes);
    return parseIntoContext.call(this);
  };
}

/** Scans bytes pdf-lib is about to tokenize; throws once the budget is passed. */
function scanWithin(budget: Budget, bytes: Uint8Array): void {
  const passed = scanPdfSyntax(bytes, budget.limits.syntax, budget.syntax);
  if (passed) budget.exceeded ??= `syntax_${passed}`;
  check(budget);
}

/**
 * Scans `bytes` (the file `work` will load), then runs `work` (a pdf-lib load) under the limits. Resolves with its result, or with the limit that was
 * exceeded — also when pdf-lib caught the budget error and failed with its own error instead.
 */
export async function withParseBudget<T>(
  limits: ParseLimits,
  bytes: Uint8Array,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; exceeded: BudgetExceeded } | { ok: false; error: unknown }> {
  install();
  const budget: Budget = { limits, startedAt: performance.now(), decodedBytes: 0, objects: 0, syntax: { tokens: 0, objects: 0 } };
  try {
    const value = await current.run(budget, () => {
      scanWithin(budget, bytes);
      return work();
    });
    return budget.exceeded ? { ok: false, exceeded: budget.exceeded } : { ok: true, value };
  } catch (error) {
    return budget.exceeded ? { ok: false, exceeded: budget.exceeded } : { ok: false, error };
  }
}
