import { describe, expect, it } from 'vitest';
import { CERTIFICATE_CODE_PATTERN, newCertificateCode, parseCertificateCode } from '../../../src/services/selfService/certificateCode';

describe('certificate verification codes', () => {
  it('are random, well formed and accepted back as typed from paper', () => {
    const codes = new Set(Array.from({ length: 500 }, () => newCertificateCode()));
    expect(codes.size).toBe(500);
    for (const code of codes) {
      expect(code).toMatch(CERTIFICATE_CODE_PATTERN);
      expect(parseCertificateCode(code)).toBe(code);
      expect(parseCertificateCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    }
  });

  it('reads O as 0 and I or L as 1, as people misread them', () => {
    const code = newCertificateCode(() => Buffer.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]));
    expect(parseCertificateCode(code.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(code);
  });

  it('refuses an altered character, wrong length or foreign characters before any lookup', () => {
    const code = newCertificateCode();
    let refused = 0;
    const positions = [5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18];
    for (const i of positions) {
      const other = code[i] === '7' ? '8' : '7';
      if (parseCertificateCode(code.slice(0, i) + other + code.slice(i + 1)) === undefined) refused++;
    }
    expect(refused).toBe(positions.length);
    expect(parseCertificateCode(code.slice(0, -1))).toBeUndefined();
    expect(parseCertificateCode('CERT-<scr-ipt>-1234')).toBeUndefined();
    expect(parseCertificateCode('')).toBeUndefined();
  });
});
