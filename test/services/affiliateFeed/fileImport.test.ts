// npm run import:affiliates on a generated 100,000-line file with 1 % bad lines: the counts, every refused
// line in the report with its number and reason, nothing changed by a second run, and memory that stays far
// below what holding the file would take. Also CSV with quoted cells, and the terminal's progress bar.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import { syntheticRecord, writeSyntheticFile } from '../../../bench/syntheticAffiliates';
import { importAffiliateFile } from '../../../src/cli/affiliateFileImport';
import { AFFILIATE_FIELDS } from '../../../src/services/affiliateFeed/affiliateRecord';
import { AffiliateFeedService } from '../../../src/services/affiliateFeed/affiliateFeedService';
import { KnexAffiliateFeedStore } from '../../../src/storage/repositories/knexAffiliateFeedStore';
import { fixedClock } from '../../helpers/clock';
import { describeDatabases } from '../../helpers/testDb';

const dir = mkdtempSync(path.join(os.tmpdir(), 'oficina-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINES = 100_000;

// One generated file for every engine: writing it is not what these tests are about.
let generated: Promise<{ file: string; bad: number }> | undefined;
function syntheticFile(): Promise<{ file: string; bad: number }> {
  generated ??= (async () => {
    const file = path.join(dir, 'afiliados.ndjson');
    return { file, bad: await writeSyntheticFile(file, { lines: LINES, format: 'ndjson', badEvery: 100 }) };
  })();
  return generated;
}

/** V8's gc(), without starting the worker with --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describeDatabases(
  'affiliate file import',
  ({ engine, db }) => {
    const clock = fixedClock('2026-12-01T15:00:00.000Z');
    const feed = () => new AffiliateFeedService({ store: new KnexAffiliateFeedStore(db().knex), clock });

    it(`imports ${LINES.toLocaleString('en')} lines with 1 % bad ones, reports each, and a second run changes nothing`, async () => {
      const { file, bad } = await syntheticFile();
      expect(bad).toBe(LINES / 100);
      const output: string[] = [];
      const out = { write: (text: string) => output.push(text), isTTY: false };

      // What the import keeps alive, sampled while it runs (it never waits on this timer): a full collection
      // first, so garbage not yet collected does not count.
      const gc = exposeGc();
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      const sampler = setInterval(() => {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }, 1000);
      const first = await importAffiliateFile({ file, feed: feed(), clock, out }).finally(() => clearInterval(sampler));

      expect(first).toMatchObject({ created: LINES - bad, updated: 0, unchanged: 0, refused: bad, lines: LINES });
      const fileBytes = statSync(file).size;
      // Holding the file would take more than its size in strings alone, before any parsed record.
      expect(peak - baseline, `live heap grew ${((peak - baseline) / 1e6).toFixed(1)} MB for a ${(fileBytes / 1e6).toFixed(1)} MB file`).toBeLessThan(fileBytes / 4);

      const report = readFileSync(first.reportPath, 'utf8');
      const refusedNumbers = [...report.matchAll(/^línea (\d+): /gm)].map((m) => Number(m[1]));
      expect(refusedNumbers).toHaveLength(bad);
      expect(refusedNumbers.every((n) => n % 100 === 0 && syntheticRecord(n, { badEvery: 100 }).bad !== undefined)).toBe(true);
      expect(report).toMatch(/línea 100: municipalityCode: no es un municipio de DIVIPOLA \(validation_failed\)/);
      expect(report).toMatch(/línea 200: birthDate: debe ser una fecha real/);
      expect(report).toMatch(/línea 300: la línea no es JSON válido \(malformed_json\)/);
      expect(report).toContain(`rechazados: ${bad.toLocaleString('es-CO')}`);
      // Not a terminal: plain lines, no carriage returns; then the counts and the first refused lines.
      const printed = output.join('');
      expect(printed).not.toContain('\r');
      expect(printed).toMatch(/100 % · .* afiliados\/s · faltan/);
      expect(printed).toContain('línea 400: documentNumber: este tipo de documento solo lleva dígitos');

      const rowsBefore = (await db().knex('affiliates').count({ n: '*' }).first()) as { n: unknown };
      const newest = (await db().knex('affiliates').max({ at: 'updated_at' }).first()) as { at: unknown };
      clock.advance(60_000);
      const second = await importAffiliateFile({ file, feed: feed(), clock, out: { write: () => true } });
      expect(second).toMatchObject({ created: 0, updated: 0, unchanged: LINES - bad, refused: bad });
      expect(await db().knex('affiliates').count({ n: '*' }).first()).toEqual(rowsBefore);
      expect(await db().knex('affiliates').max({ at: 'updated_at' }).first()).toEqual(newest);
    }, 600_000);

    it('reads CSV with the documented columns, quoted cells and a changed mobile as an update', async () => {
      const file = path.join(dir, `afiliados-${engine}.csv`);
      const rows = [1, 2, 3].map((n) => syntheticRecord(LINES + 8 + n).record);
      rows[0]!.address = 'Calle 5, casa "La Esperanza"';
      const csv = (records: Record<string, string>[]) =>
        [AFFILIATE_FIELDS.join(','), ...records.map((r) => AFFILIATE_FIELDS.map((f) => (/[",]/.test(r[f]!) ? `"${r[f]!.replace(/"/g, '""')}"` : r[f])).join(','))].join('\r\n');
      // Line 4 names a head that never comes: refused at the end with its own reason.
      const orphan = { ...syntheticRecord(LINES + 14).record, headDocumentNumber: '1399999999' };
      writeFileSync(file, `${csv([...rows, orphan])}\r\n`);
      const first = await importAffiliateFile({ file, feed: feed(), clock, out: { write: () => true } });
      expect(first).toMatchObject({ created: 3, refused: 1 });
      expect(readFileSync(first.reportPath, 'utf8')).toMatch(/línea 5: headDocumentNumber: la cabeza del núcleo no existe/);
      const stored = (await db().knex('affiliates').where({ document_number: rows[0]!.documentNumber }).first()) as Record<string, unknown>;
      expect(stored.address).toBe('Calle 5, casa "La Esperanza"');

      rows[1]!.mobile = '3009990000';
      writeFileSync(file, `${csv(rows)}\n`);
      const second = await importAffiliateFile({ file, feed: feed(), clock, out: { write: () => true } });
      expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 2, refused: 0 });
    });

    it('links a nucleus by its head\'s document; a status change away from activo ends only that person\'s sessions', async () => {
      const file = path.join(dir, `nucleo-${engine}.ndjson`);
      const family = [1, 2, 3, 4].map((n) => syntheticRecord(LINES + 20 + n).record);
      const write = () => writeFileSync(file, `${family.map((r) => JSON.stringify(r)).join('\n')}\n`);
      const store = new KnexAffiliateFeedStore(db().knex);
      const stored = async () =>
        (await db().knex('affiliates').whereIn('document_number', family.map((r) => r.documentNumber)).orderBy('document_number')) as Array<Record<string, string>>;
      write();
      expect(await importAffiliateFile({ file, feed: feed(), clock, out: { write: () => true } })).toMatchObject({ created: 4, refused: 0 });
      const [head, spouse, child] = await stored();
      expect(new Set((await stored()).map((r) => r.family_nucleus_id)).size).toBe(1);
      expect((await stored()).map((r) => r.head_affiliate_id)).toEqual([head!.id, head!.id, head!.id, head!.id]);

      clock.advance(60_000);
      const changedAt = clock.now();
      family[1]!.mobile = '3001112233';
      family[2]!.status = 'retirado';
      write();
      expect(await importAffiliateFile({ file, feed: feed(), clock, out: { write: () => true } })).toMatchObject({ updated: 2, unchanged: 2 });
      expect((await store.standing(child!.id))?.sessionsEndedAt).toEqual(changedAt);
      expect(await store.standing(spouse!.id)).toEqual({ status: 'activo', sessionsEndedAt: undefined });
      expect(await store.standing(head!.id)).toEqual({ status: 'activo', sessionsEndedAt: undefined });
      expect((await stored())[1]!.mobile).toBe('3001112233');

      // The same file again changes nothing, not even the moment the sessions were ended.
      clock.advance(60_000);
      expect(await importAffiliateFile({ file, feed: feed(), clock, out: { write: () => true } })).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
      expect(await store.standing(child!.id)).toEqual({ status: 'retirado', sessionsEndedAt: changedAt });
    });

    it('stores a NUL or a lone surrogate in a name as U+FFFD and goes on with the batch', async () => {
      const file = path.join(dir, `raros-${engine}.ndjson`);
      const [head, spouse] = [1, 2].map((n) => syntheticRecord(LINES + 40 + n).record);
      // Escapes as JSON allows them; JSON.parse hands them over as they are.
      const lines = [JSON.stringify(head).replace('"firstNames":"', '"firstNames":"A\\u0000'), JSON.stringify(spouse).replace('"firstNames":"', '"firstNames":"B\\ud800')];
      writeFileSync(file, `${lines.join('\n')}\n`);
      expect(await importAffiliateFile({ file, feed: feed(), clock, out: { write: () => true } })).toMatchObject({ created: 2, refused: 0 });
      const names = (await db().knex('affiliates').whereIn('document_number', [head!.documentNumber, spouse!.documentNumber]).orderBy('document_number').pluck('first_names')) as string[];
      expect(names).toEqual([`A\ufffd${head!.firstNames}`, `B\ufffd${spouse!.firstNames}`]);
    });

    it('draws a bar with rate and time left on a terminal', async () => {
      const file = path.join(dir, `tty-${engine}.ndjson`);
      await writeSyntheticFile(file, { lines: 40, format: 'ndjson' });
      const output: string[] = [];
      await importAffiliateFile({ file, feed: feed(), clock, out: { write: (t: string) => output.push(t), isTTY: true, columns: 100 }, batchSize: 10 });
      const printed = output.join('');
      expect(printed).toMatch(/\r\[█+\] 100 % · 40 líneas · [\d.]+ afiliados\/s · faltan 0:00\n/);
    });
  },
  { seed: 'reference' },
);
