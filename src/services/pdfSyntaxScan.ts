// A cheap pass over PDF syntax before pdf-lib builds objects from it. pdf-lib parses direct objects
// with no bound: a dictionary of a million keys (10 MB) or a 14 MB literal string takes seconds (it
// grows strings one character at a time), and nesting thousands of arrays deep overflows the stack.
// This scan walks the same bytes once with a flat loop (no recursion, no allocation per token),
// counts tokens, objects, dictionary entries, array items, string lengths and nesting depth against
// the budget, and stops at the first limit passed. Stream data is skipped: pdf-lib does not parse it
// while loading, and the decode budget (pdfParseBudget.ts) bounds what it inflates.

export interface SyntaxLimits {
  /** Tokens (numbers, names, strings, keywords, brackets) in the whole file, object streams included. */
  maxTokens: number;
  /** "N G obj" headers in the file itself (objects inside object streams are counted by the parse budget). */
  maxObjects: number;
  /** Keys of one dictionary. */
  maxDictEntries: number;
  /** Items of one array. */
  maxArrayItems: number;
  /** Bytes of one literal or hexadecimal string. */
  maxStringBytes: number;
  /** Arrays and dictionaries inside each other. */
  maxDepth: number;
}

export type SyntaxLimit = 'tokens' | 'objects' | 'dictionary' | 'array' | 'string' | 'nesting';

/** What one inspection has spent so far: several byte ranges (the file, then each object stream) share it. */
export interface SyntaxCounters {
  tokens: number;
  objects: number;
}

const SPACE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) SPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

const ENDSTREAM = Buffer.from('endstream', 'latin1');

/** Where each open container stands: its kind and how many items it holds so far. */
interface Frame {
  dictionary: boolean;
  items: number;
  /** Numbers not counted yet: two of them followed by "R" are one reference, not three items. */
  numbers: number;
}

const NUMERIC = new Uint8Array(256);
for (const c of '0123456789+-.') NUMERIC[c.charCodeAt(0)] = 1;

/**
 * Scans `bytes` and returns the first limit passed, or undefined. Counters accumulate across calls, so
 * the whole file and its object streams share one budget.
 */
export function scanPdfSyntax(bytes: Uint8Array, limits: SyntaxLimits, counters: SyntaxCounters): SyntaxLimit | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Frame[] = [];
  const length = view.length;
  let i = 0;

  /** Adds items to the innermost container; returns the limit it passes. */
  const add = (frame: Frame | undefined, items: number): SyntaxLimit | undefined => {
    if (!frame || items === 0) return undefined;
    frame.items += items;
    if (frame.dictionary ? frame.items > limits.maxDictEntries * 2 : frame.items > limits.maxArrayItems) {
      return frame.dictionary ? 'dictionary' : 'array';
    }
    return undefined;
  };

  /** Counts one token of the given kind in the innermost container. */
  const token = (kind: 'number' | 'reference' | 'other' = 'other'): SyntaxLimit | undefined => {
    if (++counters.tokens > limits.maxTokens) return 'tokens';
    const frame = stack[stack.length - 1];
    if (!frame) return undefined;
    if (kind === 'number') {
      // Keep at most the two numbers a reference needs pending; older ones are plain items.
      const older = frame.numbers === 2 ? add(frame, 1) : undefined;
      frame.numbers = Math.min(frame.numbers + 1, 2);
      return older;
    }
    const pending = frame.numbers;
    frame.numbers = 0;
    if (kind === 'reference') return add(frame, Math.max(pending - 2, 0) + 1);
    return add(frame, pending + 1);
  };

  /** Closes the innermost container of that kind, counting its pending numbers. */
  const close = (dictionary: boolean): SyntaxLimit | undefined => {
    const frame = stack[stack.length - 1];
    if (frame?.dictionary !== dictionary) return undefined;
    stack.pop();
    return add(frame, frame.numbers);
  };

  while (i < length) {
    const c = view[i];
    if (SPACE[c]) {
      i++;
      continue;
    }
    if (c === 0x25 /* % */) {
      while (i < length && view[i] !== 0x0a && view[i] !== 0x0d) i++;
      continue;
    }
    let passed: SyntaxLimit | undefined;
    if (c === 0x28 /* ( */) {
      const start = i;
      let depth = 0;
      for (; i < length; i++) {
        const b = view[i];
        if (b === 0x5c /* \ */) {
          i++;
          continue;
        }
        if (b === 0x28) depth++;
        else if (b === 0x29 && --depth === 0) break;
        if (i - start > limits.maxStringBytes) return 'string';
      }
      i++;
      passed = token();
    } else if (c === 0x3c /* < */ && view[i + 1] === 0x3c) {
      if (stack.length >= limits.maxDepth) return 'nesting';
      // The dictionary itself is one item of its parent.
      passed = token();
      stack.push({ dictionary: true, items: 0, numbers: 0 });
      i += 2;
    } else if (c === 0x3c) {
      const end = view.indexOf(0x3e /* > */, i + 1);
      const stop = end < 0 ? length : end;
      if (stop - i > limits.maxStringBytes) return 'string';
      i = stop + 1;
      passed = token();
    } else if (c === 0x3e /* > */) {
      if (view[i + 1] === 0x3e) passed = close(true);
      i += view[i + 1] === 0x3e ? 2 : 1;
    } else if (c === 0x5b /* [ */) {
      if (stack.length >= limits.maxDepth) return 'nesting';
      passed = token();
      stack.push({ dictionary: false, items: 0, numbers: 0 });
      i++;
    } else if (c === 0x5d /* ] */) {
      passed = close(false);
      i++;
    } else {
      // A name, number or keyword: runs to the next space or delimiter ("/" starts a name).
      const start = i;
      i++;
      while (i < length && !SPACE[view[i]] && !DELIMITER[view[i]]) i++;
      const word = i - start;
      if (word === 3 && view[start] === 0x6f && view[start + 1] === 0x62 && view[start + 2] === 0x6a /* obj */) {
        if (++counters.objects > limits.maxObjects) return 'objects';
        // An indirect object starts afresh: anything left open by a broken object does not carry over.
        stack.length = 0;
      } else if (word === 6 && view.toString('latin1', start, i) === 'stream') {
        // Stream data is skipped to its end: binary content is not syntax.
        const end = view.indexOf(ENDSTREAM, i);
        i = end < 0 ? length : end + ENDSTREAM.length;
        stack.length = 0;
        continue;
      } else if (word === 6 && view.toString('latin1', start, i) === 'endobj') {
        stack.length = 0;
        continue;
      } else if (word === 1 && view[start] === 0x52 /* R */) {
        passed = token('reference');
        if (passed) return passed;
        continue;
      }
      passed = token(NUMERIC[view[start]] ? 'number' : 'other');
    }
    if (passed) return passed;
  }
  return undefined;
}
