import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificateData } from '../../src/pdf/certificateData';
import { issueSentence, renderCertificate } from '../../src/pdf/renderCertificate';
import { pdfText } from '../helpers/pdfText';

export function sampleCertificate(overrides: Partial<CertificateData> = {}): CertificateData {
  const maria = {
    firstNames: 'María Fernanda', lastNames: 'Pérez Gómez', documentType: 'CC', documentNumber: '1045678901',
    relationship: 'cabeza', status: 'activo', birthDate: '1985-05-10',
  } as const;
  return {
    kind: 'affiliation',
    issuer: { name: 'EPS Demo', tagline: 'Oficina Virtual · Certificación electrónica' },
    affiliate: { ...maria, regime: 'contributivo', affiliateType: 'cotizante', affiliationDate: '2015-02-01', municipalityName: 'Barranquilla (Atlántico)' },
    nucleus: [
      maria,
      { firstNames: 'Carlos Andrés', lastNames: 'Ruiz Díaz', documentType: 'CC', documentNumber: '1045678902', relationship: 'conyuge', status: 'activo', birthDate: '1983-01-02' },
      { firstNames: 'Valentina', lastNames: 'Ruiz Pérez', documentType: 'TI', documentNumber: '1098765432', relationship: 'hijo', status: 'activo', birthDate: '2014-06-01' },
    ],
    ips: { name: 'IPS Salud Caribe Norte', address: 'Calle 72 # 45-10', phone: '6053850000', municipalityName: 'Barranquilla' },
    issuedAt: new Date('2026-11-27T15:04:00Z'),
    verification: { code: 'CERT-7K3M-Q9XD-2HPA', url: 'http://localhost:3978/certificados/CERT-7K3M-Q9XD-2HPA' },
    ...overrides,
  };
}

describe('renderCertificate', () => {
  it('produces a one-page PDF whose text carries every fact the certificate vouches for', async () => {
    const pdf = await renderCertificate(sampleCertificate());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBe(1);
    for (const expected of [
      'EPS Demo',
      'CERTIFICADO DE AFILIACIÓN',
      'MARÍA FERNANDA PÉREZ GÓMEZ',
      'cédula de ciudadanía No. 1045678901',
      'Contributivo',
      'Cotizante',
      'Activo',
      '01/02/2015',
      'Núcleo familiar',
      'Carlos Andrés Ruiz Díaz',
      'TI 1098765432',
      'Cónyuge o compañero(a)',
      'IPS Salud Caribe Norte',
      'Calle 72 # 45-10, Barranquilla',
      '6053850000',
      'a los 27 días del mes de noviembre de 2026, a las 10:04 a. m. (hora de Colombia)',
      'CERT-7K3M-Q9XD-2HPA',
      'http://localhost:3978/certificados/CERT-7K3M-Q9XD-2HPA',
    ]) {
      expect(text.replace(/\n/g, ' ')).toContain(expected);
    }
  });

  it('titles the family nucleus certificate and leaves out the affiliation details', async () => {
    const { text } = await pdfText(await renderCertificate(sampleCertificate({ kind: 'family_nucleus' })));
    expect(text).toContain('CERTIFICADO DE NÚCLEO FAMILIAR');
    expect(text.replace(/\n/g, ' ')).toContain('hace parte de un núcleo familiar');
    expect(text).toContain('Valentina Ruiz Pérez');
    expect(text).not.toContain('Tipo de afiliado');
  });

  it('says so when no IPS is assigned', async () => {
    const { text } = await pdfText(await renderCertificate(sampleCertificate({ ips: undefined })));
    expect(text).toContain('Sin IPS asignada a la fecha.');
  });

  it('gives the same bytes for the same data, so the recorded SHA-256 identifies the document', async () => {
    const sha = async (d: CertificateData) => createHash('sha256').update(await renderCertificate(d)).digest('hex');
    expect(await sha(sampleCertificate())).toBe(await sha(sampleCertificate()));
    expect(await sha(sampleCertificate())).not.toBe(await sha(sampleCertificate({ issuedAt: new Date('2026-11-28T15:04:00Z') })));
  });

  it('writes the issue moment in Bogotá time, the way certificates say it', () => {
    expect(issueSentence(new Date('2026-12-01T04:30:00Z'))).toBe('a los 30 días del mes de noviembre de 2026, a las 11:30 p. m. (hora de Colombia)');
    expect(issueSentence(new Date('2026-03-01T17:00:00Z'))).toBe('al primer día del mes de marzo de 2026, a las 12:00 p. m. (hora de Colombia)');
  });
});
