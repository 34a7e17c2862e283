// Upload figures: how well the server keeps serving while hostile PDFs are inspected (worst GET /health
// latency, target ≤ 100 ms), and what turning a 12-megapixel phone photo into a PDF support costs (time,
// and the event loop's worst delay meanwhile: the work belongs on other threads).
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/observability/logger';
import { pagesToPdf } from '../src/services/media/pagesToPdf';
import { PhotoPageMaker } from '../src/services/media/photoPageMaker';
import { BenchSection, round, target } from './report';

/** One-page PDF whose page points at `extra` (object 4): the shape of the bombs measured on pdf-lib. */
function pdfWithObject(extra: string): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /PieceInfo 4 0 R >>', extra];
  const parts: string[] = ['%PDF-1.7\n'];
  const offsets: number[] = [];
  let length = parts[0].length;
  for (const [index, body] of objects.entries()) {
    offsets.push(length);
    const text = `${index + 1} 0 obj\n${body}\nendobj\n`;
    parts.push(text);
    length += text.length;
  }
  const table = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}

export function pdfBombs(): { name: string; bytes: Buffer }[] {
  const keys: string[] = [];
  for (let i = 0; i < 1_000_000; i++) keys.push(`/K${i} 1`);
  return [
    { name: '1,000,000-key dictionary', bytes: pdfWithObject(`<< ${keys.join(' ')} >>`) },
    { name: '14 MB literal string', bytes: pdfWithObject(`(${'x'.repeat(14 * 1024 * 1024)})`) },
    { name: '3,000,000-item array', bytes: pdfWithObject(`[${'0 '.repeat(3_000_000)}]`) },
  ];
}

/** Every bomb inspected `rounds` times by the running app while GET /health is asked one request after another. */
export const pdfBombsHealth: BenchSection = {
  name: 'PDF bombs vs /health',
  async run(report, env) {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${path.join(env.tmp, 'bombs.sqlite3')}`, UPLOAD_DIR: path.join(env.tmp, 'bombs') });
    const app = await createApp({ config, logger: silentLogger });
    try {
      const baseUrl = await app.start(0);
      const bombs = pdfBombs();
      const latencies: number[] = [];
      let pending = 0;
      const inspections: Promise<{ ok: boolean }>[] = [];
      for (let round = 0; round < 3; round++) {
        for (const bomb of bombs) {
          pending++;
          inspections.push(app.uploads.inspectSupport(bomb.bytes).finally(() => pending--));
        }
      }
      while (pending > 0) {
        const start = performance.now();
        await (await fetch(`${baseUrl}/health`)).arrayBuffer();
        latencies.push(performance.now() - start);
      }
      const refused = (await Promise.all(inspections)).filter((verdict) => !verdict.ok).length;
      const worst = Math.max(...latencies);
      report.figures.pdf_bombs_inspected = inspections.length;
      report.figures.pdf_bombs_refused = refused;
      report.figures.pdf_bombs_health_checks = latencies.length;
      target(report, 'worst_health_ms_while_pdf_bombs_inspected', worst, '≤ 100 ms', worst <= 100);
    } finally {
      await app.stop();
    }
  },
};

/** A 12-megapixel photo (4000×3000, noisy like a real one) made into a one-page PDF support, 5 times. */
export const photoSupports: BenchSection = {
  name: 'photo to PDF',
  async run(report) {
    const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#a0a0a0', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const maker = new PhotoPageMaker();
    const times: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 5 });
    for (let i = 0; i < 6; i++) {
      if (i === 1) delay.enable(); // the first run warms libvips up
      const start = performance.now();
      const page = await maker.pageOf(photo, 'jpeg');
      if (!page.ok) throw new Error(`photo refused: ${page.problem}`);
      await pagesToPdf([page], new Date());
      if (i > 0) times.push(performance.now() - start);
    }
    delay.disable();
    times.sort((a, b) => a - b);
    report.figures.photo_12mp_bytes = photo.length;
    report.figures.photo_12mp_to_pdf_median_ms = round(times[Math.floor(times.length / 2)]);
    const worst = delay.max / 1e6;
    target(report, 'event_loop_worst_delay_ms_during_photo_conversion', worst, '≤ 100 ms', worst <= 100);
  },
};
