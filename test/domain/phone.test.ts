import { describe, expect, it } from 'vitest';
import { checkMobile, isColombianMobile, maskPhone, normalizeMobile, toE164 } from '../../src/domain/phone';

describe('Colombian mobile numbers', () => {
  it.each([
    '3001112233', '300 111 2233', '300-111-2233', '300.111.2233', '(300) 111 2233',
    '+57 300 111 2233', '+573001112233', '573001112233', '0057 300 111 2233', ' 3001112233 ',
  ])('%j → 3001112233', (input) => {
    expect(checkMobile(input)).toEqual({ ok: true, mobile: '3001112233' });
    expect(isColombianMobile(input)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['tres cero cero', 'invalid_characters'],
    ['300111223a', 'invalid_characters'],
    ['300111223', 'wrong_length'],
    ['30011122334', 'wrong_length'],
    ['+1 300 111 2233', 'wrong_length'],
    ['6015551234', 'not_mobile'], // Bogotá landline
    ['+57 601 555 1234', 'not_mobile'],
    ['5730011122', 'not_mobile'], // 10 digits starting 57 are not stripped
  ])('%j is refused: %s', (input, reason) => {
    expect(checkMobile(input)).toEqual({ ok: false, reason });
    expect(normalizeMobile(input)).toBeUndefined();
  });

  it('masks and formats for gateways', () => {
    expect(maskPhone('3001112233')).toBe('300****233');
    expect(toE164('3001112233')).toBe('+573001112233');
  });
});
