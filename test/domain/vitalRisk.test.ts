import { describe, expect, it } from 'vitest';
import { detectVitalRisk } from '../../src/domain/vitalRisk';

describe('detectVitalRisk', () => {
  it.each([
    'mi mamá no respira',
    'tengo un dolor en el pecho muy fuerte',
    'el niño convulsiona',
    'está convulsionando, ayuda',
    'sangrado abundante después del parto',
    'mi papá se desmayó',
    'se desmayo en el baño',
    'MI ESPOSO NO REACCIONA',
    'creo que le está dando un infarto',
  ])('"%s" is an emergency', (text) => {
    expect(detectVitalRisk(text)).toEqual({ kind: 'emergency' });
  });

  it.each(['intento de suicidio', 'me quiero morir', 'ya no quiero vivir', 'mi hija se quiere matar', 'pienso en quitarme la vida'])(
    '"%s" is a self-harm risk',
    (text) => {
      expect(detectVitalRisk(text)).toEqual({ kind: 'self_harm' });
    },
  );

  it.each([
    'autorización de una consulta de urgencias',
    'certificado para urgencias',
    'necesito una autorización para urgencias',
    'me atendieron en urgencias y quiero poner una queja',
    'cita de control después del infarto',
    'autorización para electroencefalograma por convulsiones',
    'certificado de incapacidad por hemorragia',
    'la IPS no responde el teléfono',
    'quiero un certificado de afiliacion',
    'respiratorio',
    'pecho',
    '',
  ])('"%s" is an ordinary request, not an alarm', (text) => {
    expect(detectVitalRisk(text)).toBeUndefined();
  });
});
