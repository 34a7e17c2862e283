// Synthetic affiliate files for the import benchmark and tests: families of four (head, spouse, two
// children), heads before their members, and a chosen share of bad lines of several kinds. Invented people
// only; document numbers live in a range no demo person uses.
import { createWriteStream } from 'node:fs';
import { AFFILIATE_FIELDS } from '../src/services/affiliateFeed/affiliateRecord';

export interface SyntheticFileOptions {
  lines: number;
  format: 'csv' | 'ndjson';
  /** Every Nth line (1-based) is bad; 100 → 1 %. 0 for none. */
  badEvery?: number;
  /** Changes the mobile of every head, to measure updates on a second run. */
  variant?: number;
}

const MUNICIPALITIES = ['08001', '11001', '05001', '76001', '47001', '13001'];
const IPS = ['080010000101', '080010000102', '110010000701'];
const BAD_KINDS = ['bad_number', 'bad_municipality', 'bad_date', 'malformed'] as const;

export type BadKind = (typeof BAD_KINDS)[number];

/** The record on a line (1-based), or the kind of damage when that line is bad. */
export function syntheticRecord(line: number, options: Pick<SyntheticFileOptions, 'badEvery' | 'variant'> = {}): { record: Record<string, string>; bad?: BadKind } {
  const i = line - 1;
  const family = Math.floor(i / 4);
  const role = i % 4;
  const headNumber = String(1_300_000_000 + family * 4);
  const ownNumber = String(1_300_000_000 + i);
  const kid = role >= 2;
  const record: Record<string, string> = {
    documentType: kid ? 'TI' : 'CC',
    documentNumber: ownNumber,
    firstNames: ['Laura Sofía', 'Andrés Felipe', 'Mariana', 'Juan David'][role]!,
    lastNames: `Prueba Sintética ${family % 997}`,
    birthDate: kid ? `201${2 + role}-0${1 + (family % 9)}-1${family % 10}` : `19${70 + (family % 25)}-0${1 + (family % 9)}-2${family % 8}`,
    sex: role % 2 === 0 ? 'F' : 'M',
    regime: family % 3 === 0 ? 'subsidiado' : 'contributivo',
    affiliateType: role === 0 ? 'cotizante' : 'beneficiario',
    status: 'activo',
    mobile: kid ? '' : `3${String(100_000_000 + ((i * 7919 + (options.variant ?? 0)) % 899_999_999)).padStart(9, '0')}`,
    email: kid ? '' : `afiliado${i}@ejemplo.test`,
    address: `Calle ${1 + (family % 99)} # ${1 + (i % 50)}-${10 + (i % 80)}`,
    municipalityCode: MUNICIPALITIES[family % MUNICIPALITIES.length]!,
    documentIssueDate: kid ? '' : '2012-05-04',
    affiliationDate: '2020-01-15',
    ipsCode: IPS[family % IPS.length]!,
    headDocumentType: 'CC',
    headDocumentNumber: headNumber,
    relationship: ['cabeza', 'conyuge', 'hijo', 'hijo'][role]!,
  };
  // Bad lines are never heads, so the members after them still find their nucleus.
  if (options.badEvery && line % options.badEvery === 0 && role !== 0) {
    const bad = BAD_KINDS[Math.floor(line / options.badEvery) % BAD_KINDS.length]!;
    if (bad === 'bad_number') record.documentNumber = `${ownNumber}X`;
    if (bad === 'bad_municipality') record.municipalityCode = '99999';
    if (bad === 'bad_date') record.birthDate = '2010-02-30';
    return { record, bad };
  }
  return { record };
}

function csvCell(value: string): string {
  return /[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes the file with back-pressure; returns how many lines are bad. */
export async function writeSyntheticFile(path: string, options: SyntheticFileOptions): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  let bad = 0;
  if (options.format === 'csv') await write(`${AFFILIATE_FIELDS.join(',')}\n`);
  for (let line = 1; line <= options.lines; line++) {
    const { record, bad: kind } = syntheticRecord(line, options);
    if (kind) bad += 1;
    let text: string;
    if (options.format === 'csv') {
      text = AFFILIATE_FIELDS.map((f) => csvCell(record[f] ?? '')).join(',');
      if (kind === 'malformed') text = `"${text}`;
    } else {
      text = kind === 'malformed' ? `{"documentType":"CC",` : JSON.stringify(record);
    }
    await write(`${text}\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return bad;
}
