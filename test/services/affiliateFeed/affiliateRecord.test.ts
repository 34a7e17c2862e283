// The affiliate record check: the fast calendar-date test agrees with the domain's isIsoDate on every day
// from 1890 to 2030 (leap years included), and blanks, case and separators are normalised before checking.
import { describe, expect, it } from 'vitest';
import { syntheticRecord } from '../../../bench/syntheticAffiliates';
import { isIsoDate } from '../../../src/domain/bogotaTime';
import { affiliateRecordSchema, isCalendarDate } from '../../../src/services/affiliateFeed/affiliateRecord';

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
