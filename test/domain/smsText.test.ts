// Every SMS stays in the GSM-7 alphabet (one segment of 160 instead of 70 characters) and reads cleanly.
import { describe, expect, it } from 'vitest';
import { smsText } from '../../src/domain/smsText';
import { maskName } from '../../src/domain/masking';
import { formatSpanishDate } from '../../src/domain/spanishDate';
import { filingNotice } from '../../src/services/authorizationRequests/notificationTexts';
import { smsTexts } from '../../src/services/identity/smsTexts';

// GSM 03.38 basic character set (the escape table's €[]{}… left out: they cost two characters each).
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/u;

describe('SMS text', () => {
  it('a filing notice naming María on a Wednesday is GSM-7, without a doubled period', () => {
    const sms = filingNotice.sms('AUT-2026-000123', maskName('María Fernanda Pérez Gómez'), formatSpanishDate('2026-12-02'));
    expect(sms).toMatch(GSM7);
    expect(sms).not.toContain('..');
    expect(sms).toContain('para Maria F. P. G. Te respondemos');
    expect(sms).toContain('miércoles 2 de diciembre de 2026.');
    expect(sms.length).toBeLessThanOrEqual(160);
  });

  it('password notices are GSM-7 and keep the password exactly', () => {
    for (const sms of [smsTexts.registered('Ab3dEf7hJk'), smsTexts.recovered('Ab3dEf7hJk')]) {
      expect(sms).toMatch(GSM7);
      expect(sms.split('\n')).toContain('Contraseña temporal: Ab3dEf7hJk');
      expect(sms.length).toBeLessThanOrEqual(160);
    }
  });

  it('keeps ñ, é and ¿ (GSM-7) and folds á, í, ó, ú', () => {
    expect(smsText('¿Cuál es tu contraseña? Está en el código. José Núñez..')).toBe('¿Cual es tu contraseña? Esta en el codigo. José Nuñez.');
  });
});
