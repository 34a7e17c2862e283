// The issued authorization as a one-page PDF (pdfkit, standard Helvetica): what the affiliate shows at the
// IPS. Pure: the same data gives the same bytes (fixed creation date), so a copy can be compared.
import { formatNumericDate } from '../domain/spanishDate';
import { AFFILIATE_TYPE_LABELS, REGIME_LABELS } from './certificateData';
import type { Affiliate, Authorization, Ips } from '../domain/model';
import { PAGE, renderLetterPdf } from './letterPdf';

export interface AuthorizationDocumentData {
  issuer: { name: string; nit: string };
  affiliate: Pick<Affiliate, 'firstNames' | 'lastNames' | 'documentType' | 'documentNumber' | 'regime' | 'affiliateType'>;
  authorization: Pick<Authorization, 'number' | 'serviceCode' | 'serviceName' | 'issuedAt' | 'expiresAt' | 'quantity' | 'validFrom' | 'copayPesos'>;
  filingNumber?: string;
  ips: Pick<Ips, 'code' | 'name' | 'address' | 'phone'> & { municipalityName?: string };
  verification: { code: string; url: string };
}

export const AUTHORIZATION_TITLE = 'AUTORIZACIÓN DE SERVICIOS DE SALUD';

export function authorizationFileName(number: string): string {
  return `autorizacion-${number.replace(/[^A-Za-z0-9-]/g, '')}.pdf`;
}

const WIDTH = PAGE.width - 2 * PAGE.margin;
const BRAND = '#0b5394';
const MUTED = '#555555';

function pesos(amount: number): string {
  return `$${amount.toLocaleString('es-CO', { maximumFractionDigits: 0 })}`;
}

function rows(doc: PDFKit.PDFDocument, list: [string, string][]): void {
  for (const [label, value] of list) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).fillColor(MUTED).text(label, PAGE.margin, y, { width: 170 });
    doc.font('Helvetica').fillColor('#000000').text(value, PAGE.margin + 170, y, { width: WIDTH - 170 });
    doc.moveDown(0.35);
  }
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12).fillColor(BRAND).text(title, PAGE.margin, doc.y);
  const y = doc.y + 2;
  doc.moveTo(PAGE.margin, y).lineTo(PAGE.margin + WIDTH, y).lineWidth(0.8).strokeColor(BRAND).stroke();
  doc.fillColor('#000000');
  doc.y = y + 6;
}

function body(doc: PDFKit.PDFDocument, d: AuthorizationDocumentData): void {
  const a = d.authorization;
  doc.rect(0, 0, PAGE.width, 92).fill(BRAND);
  doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(22).text(d.issuer.name, PAGE.margin, 28, { width: WIDTH });
  doc.font('Helvetica').fontSize(10).text(`NIT ${d.issuer.nit} · Oficina Virtual`, PAGE.margin, 58, { width: WIDTH });
  doc.fillColor('#000000').font('Helvetica-Bold').fontSize(15).text(AUTHORIZATION_TITLE, PAGE.margin, 118, { width: WIDTH, align: 'center' });
  doc.font('Helvetica-Bold').fontSize(13).text(`N.º ${a.number}`, PAGE.margin, doc.y + 4, { width: WIDTH, align: 'center' });
  doc.moveDown(0.8);

  section(doc, 'Afiliado');
  rows(doc, [
    ['Nombre', `${d.affiliate.firstNames} ${d.affiliate.lastNames}`],
    ['Documento', `${d.affiliate.documentType} ${d.affiliate.documentNumber}`],
    ['Régimen', REGIME_LABELS[d.affiliate.regime]],
    ['Tipo de afiliado', AFFILIATE_TYPE_LABELS[d.affiliate.affiliateType]],
  ]);
  section(doc, 'Servicio autorizado');
  rows(doc, [
    ['Servicio (CUPS)', `${a.serviceName} (${a.serviceCode})`],
    ['Cantidad', String(a.quantity ?? 1)],
    ['Vigencia', `Del ${formatNumericDate(a.validFrom ?? a.issuedAt)} al ${formatNumericDate(a.expiresAt)}`],
    ['Cuota moderadora / copago', a.copayPesos === undefined ? 'Según la norma vigente' : pesos(a.copayPesos)],
    ['Fecha de expedición', formatNumericDate(a.issuedAt)],
    ...(d.filingNumber ? ([['Solicitud', d.filingNumber]] as [string, string][]) : []),
  ]);
  section(doc, 'IPS donde se presta');
  rows(doc, [
    ['IPS', `${d.ips.name} (${d.ips.code})`],
    ['Dirección', d.ips.address + (d.ips.municipalityName ? `, ${d.ips.municipalityName}` : '')],
    ['Teléfono', d.ips.phone],
  ]);

  doc.moveDown(1);
  const top = doc.y;
  doc.font('Helvetica').fontSize(9.5).fillColor(MUTED).text('Código de verificación', PAGE.margin + 12, top + 10, { width: WIDTH - 24 });
  doc.font('Courier-Bold').fontSize(14).fillColor('#000000').text(d.verification.code, PAGE.margin + 12, top + 23, { width: WIDTH - 24 });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text('La IPS puede verificar esta autorización en: ', PAGE.margin + 12, doc.y + 6, { width: WIDTH - 24, continued: true });
  doc.fillColor(BRAND).text(d.verification.url, { link: d.verification.url });
  const bottom = doc.y + 8;
  doc.rect(PAGE.margin, top, WIDTH, bottom - top).lineWidth(1).strokeColor(BRAND).stroke();
  doc.fillColor(MUTED).font('Helvetica').fontSize(8).text(
    'Presente este documento y su documento de identidad en la IPS. Documento generado electrónicamente; no requiere firma autógrafa.',
    PAGE.margin,
    PAGE.height - PAGE.margin - 20,
    { width: WIDTH, align: 'center' },
  );
}

export function renderAuthorization(data: AuthorizationDocumentData): Promise<Buffer> {
  const issued = new Date(`${data.authorization.issuedAt}T12:00:00.000Z`);
  return renderLetterPdf({ title: `${AUTHORIZATION_TITLE} ${data.authorization.number}`, author: data.issuer.name, date: issued }, (doc) => body(doc, data));
}
