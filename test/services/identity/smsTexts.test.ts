import { describe, expect, it } from 'vitest';
import { generateTemporaryPassword } from '../../../src/domain/passwordPolicy';
import { smsTexts } from '../../../src/services/identity/smsTexts';
import { logPreview, maskSecretsForLog } from '../../../src/services/notifications/secretMasking';

// GSM 03.38 basic alphabet (plus LF): one segment holds 160 of these; any other character makes it 70.
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

describe('SMS texts', () => {
  it.each(Object.entries(smsTexts))('%s fits one GSM-7 segment with any temporary password', (_name, text) => {
    for (let i = 0; i < 50; i++) {
      const body = text(generateTemporaryPassword());
      expect(body.length).toBeLessThanOrEqual(160);
      expect([...body].filter((c) => !GSM7.has(c))).toEqual([]);
    }
  });
});

describe('log masking of outgoing texts', () => {
  it('hides passwords, numbers and links but keeps plain words', () => {
    const body = smsTexts.registered('Ab3dEfGh9k');
    expect(maskSecretsForLog(body)).toBe(
      'Oficina Virtual EPS: tu cuenta fue creada.\nContraseña temporal: [oculto]\nVence en 30 min y debes cambiarla al entrar. No la compartas.',
    );
    expect(maskSecretsForLog('Tu celular 3001112233, ver https://x.test/a')).toBe('Tu celular [oculto], ver [oculto]');
    expect(logPreview(body).length).toBeLessThanOrEqual(120);
    expect(logPreview(body)).toContain('[oculto]');
  });
});
