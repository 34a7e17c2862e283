// `npm run import:affiliates -- FILE`: streams a CSV or NDJSON file through the affiliate feed, a batch per
// transaction, showing progress (a bar with rate and time left on a terminal, a plain line every few seconds
// otherwise), then the counts and the refused lines. Refused lines go to the report file as they happen,
// so neither the file nor its errors ever sit in memory.
import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import type { Clock } from '../domain/clock';
import type { AffiliateFeedService, LineError } from '../services/affiliateFeed/affiliateFeedService';
import { importLines, splitLines, type ImportCounts } from '../services/affiliateFeed/feedImport';
import { csvParser, ndjsonParser, type LineParser } from '../services/affiliateFeed/lineFormats';

export interface Terminal {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface FileImportOptions {
  file: string;
  feed: AffiliateFeedService;
  clock: Clock;
  out: Terminal;
  /** Default: FILE + '.report.txt'. */
  reportPath?: string;
  format?: 'csv' | 'ndjson';
  batchSize?: number;
  /** Lines of refusals printed on the terminal; the rest are in the report. */
  maxPrintedErrors?: number;
  /** Wall-clock time for rate and time left (the feed's clock may be fixed in tests). */
  now?: () => number;
}

export interface FileImportResult extends ImportCounts {
  reportPath: string;
  seconds: number;
}

const LINE_MAX_BYTES = 8192;
// Large reads: at the default 64 KiB the read calls alone were a visible share of a large import.
const READ_CHUNK_BYTES = 1024 * 1024;
// Refused lines reach the report in blocks, not one write each (a file can be mostly bad lines).
const REPORT_BLOCK_CHARS = 64 * 1024;

export function detectFormat(file: string): 'csv' | 'ndjson' {
  return /\.csv$/i.test(file) ? 'csv' : 'ndjson';
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

const number = (n: number) => Math.round(n).toLocaleString('es-CO');

function describe(error: LineError): string {
  return `línea ${error.line}: ${error.message} (${error.code})`;
}

export async function importAffiliateFile(options: FileImportOptions): Promise<FileImportResult> {
  const { file, out } = options;
  const now = options.now ?? (() => performance.now());
  const reportPath = options.reportPath ?? `${file}.report.txt`;
  const totalBytes = statSync(file).size;
  const parser: LineParser = (options.format ?? detectFormat(file)) === 'csv' ? csvParser() : ndjsonParser();
  const report: WriteStream = createWriteStream(reportPath, { encoding: 'utf8' });
  const reportClosed = new Promise<void>((resolve, reject) => {
    report.once('finish', resolve);
    report.once('error', reject);
  });
  report.write(`Importación de afiliados: ${file}\nLíneas rechazadas:\n`);
  const maxPrinted = options.maxPrintedErrors ?? 50;
  const printed: string[] = [];
  let reportBlock = '';
  const flushReport = () => {
    if (reportBlock) report.write(reportBlock);
    reportBlock = '';
  };
  const started = now();
  // The first progress line comes after one interval: a small file shows only the final one.
  let lastDraw = started;

  const draw = (bytesRead: number, counts: ImportCounts, final: boolean) => {
    const t = now();
    const interval = out.isTTY ? 200 : 5000;
    if (!final && t - lastDraw < interval) return;
    lastDraw = t;
    const seconds = (t - started) / 1000;
    const done = counts.created + counts.updated + counts.unchanged + counts.refused;
    const rate = seconds > 0 ? done / seconds : 0;
    const fraction = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 1;
    const left = fraction > 0 ? (seconds / fraction) * (1 - fraction) : Infinity;
    const figures = `${(fraction * 100).toFixed(0).padStart(3)} % · ${number(counts.lines)} líneas · ${number(rate)} afiliados/s · faltan ${duration(left)}`;
    if (out.isTTY) {
      const width = Math.max(10, Math.min(30, (out.columns ?? 80) - figures.length - 4));
      const filled = Math.round(fraction * width);
      out.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${figures}${final ? '\n' : ''}`);
    } else {
      out.write(`${figures}\n`);
    }
  };

  let counts: ImportCounts;
  try {
    const lines = splitLines(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), LINE_MAX_BYTES);
    counts = await importLines(options.feed, options.clock, lines, parser, {
      batchSize: options.batchSize,
      onError: (error) => {
        const line = describe(error);
        reportBlock += `${line}\n`;
        if (reportBlock.length >= REPORT_BLOCK_CHARS) flushReport();
        if (printed.length < maxPrinted) printed.push(line);
      },
      onProgress: ({ bytesRead, counts: c }) => {
        // The report is at most one batch behind the database.
        flushReport();
        draw(bytesRead, c, false);
      },
    });
  } finally {
    flushReport();
    report.end();
  }
  const seconds = (now() - started) / 1000;
  draw(totalBytes, counts, true);
  const summary = [
    `Creados: ${number(counts.created)} · actualizados: ${number(counts.updated)} · sin cambios: ${number(counts.unchanged)} · rechazados: ${number(counts.refused)}`,
    `(${number(counts.lines)} líneas en ${seconds.toFixed(1)} s)`,
  ];
  await reportClosed;
  const reportStream = createWriteStream(reportPath, { flags: 'a', encoding: 'utf8' });
  await new Promise<void>((resolve, reject) => {
    reportStream.once('error', reject);
    reportStream.end(`${counts.refused === 0 ? '(ninguna)\n' : ''}${summary.join('\n')}\n`, resolve);
  });
  out.write(`${summary.join('\n')}\n`);
  if (counts.refused > 0) {
    out.write(`Líneas rechazadas:\n${printed.map((l) => `  ${l}`).join('\n')}\n`);
    if (counts.refused > printed.length) out.write(`  … y ${number(counts.refused - printed.length)} más.\n`);
  }
  out.write(`Informe completo: ${reportPath}\n`);
  return { ...counts, reportPath, seconds };
}
