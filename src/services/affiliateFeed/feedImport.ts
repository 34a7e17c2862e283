// Runs a stream of lines through parsing, validation and the feed service, a batch per transaction, so a
// file of any length takes the memory of one batch. Bad lines are reported (number, code, reason) and never
// stop the good ones. Members that name a head appearing later in the file wait (bounded) and are retried
// at the end.
import { bogotaDate } from '../../domain/bogotaTime';
import type { Clock } from '../../domain/clock';
import { affiliateRecordSchema, firstProblem } from './affiliateRecord';
import { headNotFound, type AffiliateFeedService, type FeedLine, type LineError } from './affiliateFeedService';
import type { LineParser } from './lineFormats';

export interface SourceLine {
  line: number;
  text: string;
  /** Bytes of the source consumed so far (progress). */
  bytesRead: number;
  /** The line was longer than the budget; its text is empty. */
  tooLong?: boolean;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  /** Lines read, blank ones included. */
  lines: number;
}

export interface ImportOptions {
  batchSize?: number;
  /** Members kept waiting for a head named later; beyond this they are refused at once. */
  maxWaiting?: number;
  onError(error: LineError): void;
  onProgress?(progress: { lines: number; bytesRead: number; counts: ImportCounts }): void;
}

export const DEFAULT_BATCH_SIZE = 2000;
const DEFAULT_MAX_WAITING = 100_000;

export async function importLines(
  service: AffiliateFeedService,
  clock: Clock,
  source: AsyncIterable<SourceLine>,
  parser: LineParser,
  options: ImportOptions,
): Promise<ImportCounts> {
  // "Not in the future" is judged against the day the import started.
  const today = bogotaDate(clock.now());
  const schema = affiliateRecordSchema(await service.referenceCodes(), () => today);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, refused: 0, lines: 0 };
  const waiting: FeedLine[] = [];
  let batch: FeedLine[] = [];
  let bytesRead = 0;

  const refuse = (error: LineError) => {
    counts.refused += 1;
    options.onError(error);
  };
  const flush = async (lines: FeedLine[], final: boolean) => {
    const result = await service.applyBatch(lines);
    counts.created += result.created;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    for (const error of result.errors) refuse(error);
    for (const line of result.waitingForHead) {
      if (final || waiting.length >= maxWaiting) refuse(headNotFound(line));
      else waiting.push(line);
    }
  };

  // The database writes one batch while the next is parsed and checked (SQLite and pg both work off the
  // main thread). At most one batch is in flight, and batches are applied in file order, so a member always
  // sees the heads of earlier batches.
  let inFlight: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const schedule = async (lines: FeedLine[]) => {
    await inFlight;
    if (failure) throw failure.error;
    inFlight = flush(lines, false).then(
      () => options.onProgress?.({ lines: counts.lines, bytesRead, counts }),
      (error: unknown) => {
        failure = { error };
      },
    );
  };

  for await (const source_ of source) {
    counts.lines = source_.line;
    bytesRead = source_.bytesRead;
    if (source_.tooLong) {
      refuse({ line: source_.line, code: 'line_too_long', message: 'la línea es demasiado larga' });
      continue;
    }
    if (source_.text.trim() === '') continue;
    const parsed = parser.parse(source_.text);
    if (!parsed.ok) {
      refuse({ line: source_.line, code: parsed.code, message: parsed.message });
      continue;
    }
    if ('header' in parsed) continue;
    const checked = schema.safeParse(parsed.value);
    if (!checked.success) {
      const problem = firstProblem(checked.error);
      refuse({ line: source_.line, code: 'validation_failed', message: problem.message, field: problem.field });
      continue;
    }
    batch.push({ line: source_.line, record: checked.data });
    if (batch.length >= batchSize) {
      await schedule(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await schedule(batch);
  await inFlight;
  if (failure) throw failure.error;
  for (let i = 0; i < waiting.length; i += batchSize) await flush(waiting.slice(i, i + batchSize), true);
  options.onProgress?.({ lines: counts.lines, bytesRead, counts });
  return counts;
}

/** Splits a byte stream into lines without ever holding more than one line (of at most maxLineBytes). */
export async function* splitLines(chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<SourceLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let line = 0;
  let bytesRead = 0;
  const lineOf = (text: string): SourceLine => ({ line, text: text.endsWith('\r') ? text.slice(0, -1) : text, bytesRead });
  const emit = (): SourceLine => {
    line += 1;
    const out: SourceLine = overflow ? { line, text: '', bytesRead, tooLong: true } : lineOf(Buffer.concat(pending, pendingBytes).toString('utf8'));
    pending = [];
    pendingBytes = 0;
    overflow = false;
    return out;
  };
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline < 0 ? chunk.length : newline;
      if (newline >= 0 && pendingBytes === 0 && !overflow && end - start <= maxLineBytes) {
        // The usual case, a whole line inside this chunk: decoded straight from it, nothing copied.
        bytesRead += end - start + 1;
        line += 1;
        yield lineOf(chunk.toString('utf8', start, end));
        start = newline + 1;
        continue;
      }
      if (!overflow) {
        if (pendingBytes + (end - start) > maxLineBytes) {
          overflow = true;
          pending = [];
          pendingBytes = 0;
        } else if (end > start) {
          pending.push(chunk.subarray(start, end));
          pendingBytes += end - start;
        }
      }
      bytesRead += end - start + (newline < 0 ? 0 : 1);
      if (newline < 0) break;
      yield emit();
      start = newline + 1;
    }
  }
  if (pendingBytes > 0 || overflow) yield emit();
}
