// The affiliate record check: the fast calendar-date test agrees with the domain's isIsoDate on every day
// from 1890 to 2030 (leap years included), blanks, case and separators are normalised before checking, and
// the fast path gives zod's answer on valid and damaged records alike.
import { describe, expect, it } from 'vitest';
import { syntheticRecord } from '../../../bench/syntheticAffiliates';
import { isIsoDate } from '../../../src/domain/bogotaTime';
import { affiliateRecordSchema, firstProblem, isCalendarDate } from '../../../src/services/affiliateFeed/affiliateRecord';

describe('isCalendarDate', () => {
  it('answers exactly like isIsoDate, including impossible days and leap years', () => {
    const samples = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2026-1-01', ' 2026-01-01', '2026/01/01', 'abcd-ef-gh'];
    for (let y = 1890; y <= 2030; y++) for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) samples.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const differing = samples.filter((s) => isIsoDate(s) !== isCalendarDate(s));
    expect(differing).toEqual([]);
  });
});

describe('affiliate record', () => {
  const schema = affiliateRecordSchema({ municipalities: new Set(['08001']), ips: new Set(['080010000101']) }, () => '2026-12-01');

  it('normalises case, blanks, document separators and the mobile', () => {
    const raw = { ...syntheticRecord(1).record, documentType: ' cc ', documentNumber: '1.300.000.000', headDocumentNumber: '1300000000', sex: 'f', status: 'ACTIVO', mobile: '+57 310 123 4567', email: '', municipalityCode: '08001', ipsCode: '080010000101' };
    const parsed = schema.safeParse(raw);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data).toMatchObject({ documentType: 'CC', documentNumber: '1300000000', sex: 'F', status: 'activo', mobile: '3101234567' });
    expect(parsed.data.email).toBeUndefined();
  });
});

describe('the fast path of the record check', () => {
  const codes = { municipalities: new Set(['08001', '11001', '05001', '76001', '47001', '13001']), ips: new Set(['080010000101', '080010000102', '110010000701']) };
  const today = () => '2026-12-01';
  const withFastPath = affiliateRecordSchema(codes, today);
  const zodOnly = affiliateRecordSchema(codes, today, { fastPath: false });

  // Values that sit on either side of each rule, tried in every field.
  const damage: Record<string, unknown[]> = {
    documentType: ['cc', 'XX', '', null, 7],
    documentNumber: ['1.300.000.000', '0123456', 'ABC123', '12', '1'.repeat(41), ' 13 000 ', 1300000000],
    firstNames: ['', 'x'.repeat(100), 'x'.repeat(101), 12],
    lastNames: [' ', 'Ñandú Pérez', 'y'.repeat(101)],
    birthDate: ['2010-02-30', '2027-01-01', '2026-12-01', '1990-1-01', '', 19900101],
    sex: ['f', 'X', undefined],
    regime: ['SUBSIDIADO', 'mixto'],
    affiliateType: ['cabeza_familia', 'otro'],
    status: ['Retirado', 'fallecido', 'inactivo'],
    mobile: ['+57 310 123 4567', '6011234567', '300123456', 'abc', '', null, 3001234567],
    email: ['Ana@EJEMPLO.co', 'sin-arroba', 'a@b', ' ', 5],
    address: ['Cll 1', 'Calle   5  # 3-2', '<b>Calle 1</b>', 'x'.repeat(121), ''],
    municipalityCode: ['99999', '8001', '08001 ', '', 8001],
    documentIssueDate: ['1900-01-01', '2026-12-02', '2015-02-29', ''],
    affiliationDate: ['1900-01-01', '2031-01-01', undefined],
    ipsCode: ['999999999999', '08001000010', '', 80010000101],
    headDocumentType: ['TI', 'ti', 'ZZ'],
    headDocumentNumber: ['1300000001', '1.300.000.000', '', 'Ñ'],
    relationship: ['cabeza', 'hijo', 'CONYUGE', 'primo'],
  };

  it('accepts exactly what zod accepts, with the same record, and leaves every refusal to zod', () => {
    const inputs: unknown[] = [null, [], 'texto', {}];
    for (let line = 1; line <= 8; line++) {
      const { record } = syntheticRecord(line);
      inputs.push(record);
      for (const [field, values] of Object.entries(damage)) for (const value of values) inputs.push({ ...record, [field]: value });
    }
    let accepted = 0;
    for (const input of inputs) {
      const fast = withFastPath.safeParse(input);
      const slow = zodOnly.safeParse(input);
      expect(fast.success, JSON.stringify(input)).toBe(slow.success);
      if (fast.success && slow.success) {
        accepted += 1;
        expect(fast.data).toStrictEqual(slow.data);
      } else if (!fast.success && !slow.success) {
        expect(firstProblem(fast.error)).toEqual(firstProblem(slow.error));
      }
    }
    // Both kinds were really tried.
    expect(accepted).toBeGreaterThan(100);
    expect(inputs.length - accepted).toBeGreaterThan(200);
  });
});
