import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotInNucleusError } from '../../../src/services/family/familyNucleusService';
import { DEMO_IDS } from '../../../src/storage/seeds';
import { pdfText } from '../../helpers/pdfText';
import { createSelfServiceWorld, NOW, PUBLIC_URL, SelfServiceWorld, testCode } from './selfServiceWorld';

describe('CertificateService', () => {
  let f: SelfServiceWorld;
  beforeAll(async () => {
    f = await createSelfServiceWorld();
  });
  afterAll(async () => {
    await f.db.close();
  });

  it("issues Ana Milena's affiliation certificate with her data, her IPS and a recorded verification code", async () => {
    const issued = await f.certificates.issue(DEMO_IDS.anaMilena, 'affiliation');
    expect(issued.fileName).toBe('certificado-afiliacion.pdf');
    expect(issued.code).toBe(testCode(0));
    const { text } = await pdfText(issued.pdf);
    const flat = text.replace(/\n/g, ' ');
    for (const expected of [
      'CERTIFICADO DE AFILIACIÓN',
      'ANA MILENA ROJAS CASTRO',
      'cédula de ciudadanía No. 1045678904',
      'Subsidiado',
      'Cabeza de familia',
      'Activo',
      '12/05/2014',
      'Barranquilla (Atlántico)',
      'Centro Médico Familiar El Prado',
      'Carrera 54 # 64-15, barrio El Prado, Barranquilla (Atlántico)',
      '(605) 385 0102',
      'a los 27 días del mes de noviembre de 2026, a las 10:00 a. m.',
      issued.code,
      `${PUBLIC_URL}/certificados/${issued.code}`,
    ]) {
      expect(flat).toContain(expected);
    }
    const record = await f.certificateRepo.findByCode(issued.code);
    expect(record).toEqual({
      code: issued.code,
      kind: 'affiliation',
      affiliateId: DEMO_IDS.anaMilena,
      requestedByAffiliateId: DEMO_IDS.anaMilena,
      issuedAt: new Date(NOW),
      sha256: createHash('sha256').update(issued.pdf).digest('hex'),
    });
  });

  it('lets the head of a nucleus get a child’s certificate and the nucleus certificate with everyone', async () => {
    const child = await f.certificates.issue(DEMO_IDS.mariaFernanda, 'affiliation', DEMO_IDS.valentina);
    expect((await pdfText(child.pdf)).text).toContain('VALENTINA RUIZ PÉREZ');
    const nucleus = await f.certificates.issue(DEMO_IDS.mariaFernanda, 'family_nucleus');
    expect(nucleus.fileName).toBe('certificado-nucleo-familiar.pdf');
    const { text } = await pdfText(nucleus.pdf);
    expect(text).toContain('CERTIFICADO DE NÚCLEO FAMILIAR');
    for (const name of ['María Fernanda Pérez Gómez', 'Valentina Ruiz Pérez', 'Santiago Ruiz Pérez']) expect(text).toContain(name);
  });

  it('refuses a certificate of someone outside the requester’s nucleus, and records nothing', async () => {
    const before = await f.knex('certificates').count({ n: '*' });
    await expect(f.certificates.issue(DEMO_IDS.anaMilena, 'affiliation', DEMO_IDS.valentina)).rejects.toBeInstanceOf(NotInNucleusError);
    expect(await f.knex('certificates').count({ n: '*' })).toEqual(before);
  });

  it('verifies a genuine code with only kind, date, masked name and fingerprint', async () => {
    const issued = await f.certificates.issue(DEMO_IDS.anaMilena, 'affiliation');
    const verification = await f.certificates.verify(issued.code.toLowerCase());
    expect(verification).toEqual({
      code: issued.code,
      kind: 'affiliation',
      issuedAt: new Date(NOW),
      maskedName: 'Ana M. R. C.',
      sha256: createHash('sha256').update(issued.pdf).digest('hex'),
    });
  });

  it('says nothing for unknown, altered or malformed codes', async () => {
    const issued = await f.certificates.issue(DEMO_IDS.anaMilena, 'affiliation');
    const altered = issued.code.slice(0, -2) + (issued.code.at(-2) === 'A' ? 'B' : 'A') + issued.code.at(-1);
    expect(await f.certificates.verify(altered)).toBeUndefined();
    expect(await f.certificates.verify(testCode(999))).toBeUndefined(); // well formed, never issued
    expect(await f.certificates.verify('1045678904')).toBeUndefined();
  });
});
