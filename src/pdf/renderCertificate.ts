// The affiliation and family-nucleus certificates as one-page PDFs (pdfkit, standard Helvetica: its
// WinAnsi encoding covers Spanish). Pure: the same data gives the same bytes, so the SHA-256 recorded with
// the verification code identifies the document.
import { AFFILIATE_STATUS_LABELS, DOCUMENT_TYPES, RELATIONSHIP_LABELS, fullName } from '../domain/model';
import { bogotaParts } from '../domain/bogotaTime';
import { MONTHS_ES, formatNumericDate } from '../domain/spanishDate';
import { bogotaTimeLabel } from '../services/selfService/timeLabel';
import { PAGE, renderLetterPdf } from './letterPdf';
import {
  AFFILIATE_TYPE_LABELS,
  CERTIFICATE_TITLES,
  CertificateData,
  CertificatePerson,
  REGIME_LABELS,
} from './certificateData';

const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BRAND = '#0b5394';
const MUTED = '#555555';
const RULE = '#c9d3de';

type Doc = PDFKit.PDFDocument;

function documentTypeName(code: string): string {
  return DOCUMENT_TYPES.find((t) => t.code === code)?.name ?? code;
}

/** "a los 27 días del mes de noviembre de 2026": the formula of Colombian certificates. */
export function issueSentence(at: Date): string {
  const p = bogotaParts(at);
  const time = bogotaTimeLabel(at);
  const days = p.day === 1 ? 'al primer día' : `a los ${p.day} días`;
  return `${days} del mes de ${MONTHS_ES[p.month - 1]} de ${p.year}, a las ${time} (hora de Colombia)`;
}

function header(doc: Doc, data: CertificateData): void {
  doc.rect(0, 0, PAGE.width, 92).fill(BRAND);
  doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(22).text(data.issuer.name, PAGE.margin, 28, { width: CONTENT_WIDTH });
  doc.font('Helvetica').fontSize(10).text(data.issuer.tagline, PAGE.margin, 58, { width: CONTENT_WIDTH });
  doc.fillColor('#000000');
  doc.font('Helvetica-Bold').fontSize(15).text(CERTIFICATE_TITLES[data.kind], PAGE.margin, 124, { width: CONTENT_WIDTH, align: 'center' });
  doc.moveDown(1.2);
}

function intro(doc: Doc, data: CertificateData): void {
  const a = data.affiliate;
  const who = `${fullName(a).toUpperCase()}`;
  const id = `${documentTypeName(a.documentType).toLowerCase()} No. ${a.documentNumber}`;
  const tail =
    data.kind === 'affiliation'
      ? ', se encuentra afiliado(a) a esta entidad con la siguiente información:'
      : ', hace parte de un núcleo familiar afiliado a esta entidad, conformado por las personas que se relacionan a continuación:';
  doc.font('Helvetica').fontSize(11).text(`${data.issuer.name} certifica que `, PAGE.margin, doc.y, { continued: true, width: CONTENT_WIDTH });
  doc.font('Helvetica-Bold').text(who, { continued: true });
  doc.font('Helvetica').text(`, identificado(a) con ${id}${tail}`);
  doc.moveDown(0.8);
}

function fieldRows(doc: Doc, rows: [string, string][]): void {
  const labelWidth = 170;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).fillColor(MUTED).text(label, PAGE.margin, y, { width: labelWidth });
    doc.font('Helvetica').fillColor('#000000').text(value, PAGE.margin + labelWidth, y, { width: CONTENT_WIDTH - labelWidth });
    doc.moveDown(0.35);
  }
}

function sectionTitle(doc: Doc, title: string): void {
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12).fillColor(BRAND).text(title, PAGE.margin, doc.y);
  const y = doc.y + 2;
  doc.moveTo(PAGE.margin, y).lineTo(PAGE.margin + CONTENT_WIDTH, y).lineWidth(0.8).strokeColor(BRAND).stroke();
  doc.fillColor('#000000');
  doc.y = y + 6;
}

function nucleusTable(doc: Doc, members: CertificatePerson[]): void {
  const columns = [
    { title: 'Nombre', width: 190 },
    { title: 'Documento', width: 110 },
    { title: 'Parentesco', width: 120 },
    { title: 'Estado', width: CONTENT_WIDTH - 420 },
  ];
  const row = (cells: string[], bold: boolean) => {
    const y = doc.y;
    let x = PAGE.margin;
    let height = 0;
    cells.forEach((cell, i) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5).text(cell, x + 4, y + 4, { width: columns[i].width - 8 });
      height = Math.max(height, doc.y - y);
      x += columns[i].width;
    });
    doc.y = y + height + 4;
    doc.moveTo(PAGE.margin, doc.y).lineTo(PAGE.margin + CONTENT_WIDTH, doc.y).lineWidth(0.5).strokeColor(RULE).stroke();
  };
  row(columns.map((c) => c.title), true);
  for (const m of members) {
    row([fullName(m), `${m.documentType} ${m.documentNumber}`, RELATIONSHIP_LABELS[m.relationship], AFFILIATE_STATUS_LABELS[m.status]], false);
  }
  doc.x = PAGE.margin;
}

function verificationBox(doc: Doc, data: CertificateData): void {
  doc.moveDown(1);
  const top = doc.y;
  const inner = CONTENT_WIDTH - 24;
  doc.font('Helvetica').fontSize(9.5).fillColor(MUTED).text('Código de verificación', PAGE.margin + 12, top + 10, { width: inner });
  doc.font('Courier-Bold').fontSize(14).fillColor('#000000').text(data.verification.code, PAGE.margin + 12, top + 23, { width: inner });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text('Verifique la autenticidad de este certificado en: ', PAGE.margin + 12, doc.y + 6, {
    width: inner,
    continued: true,
  });
  doc.fillColor(BRAND).text(data.verification.url, { link: data.verification.url });
  const bottom = doc.y + 8;
  doc.rect(PAGE.margin, top, CONTENT_WIDTH, bottom - top).lineWidth(1).strokeColor(BRAND).stroke();
  doc.fillColor('#000000');
  doc.y = bottom;
}

function footer(doc: Doc): void {
  const y = PAGE.height - PAGE.margin - 14;
  doc.moveTo(PAGE.margin, y - 6).lineTo(PAGE.margin + CONTENT_WIDTH, y - 6).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(
    'Documento generado electrónicamente por la Oficina Virtual. No requiere firma autógrafa. Página 1 de 1',
    PAGE.margin,
    y,
    { width: CONTENT_WIDTH, align: 'center', lineBreak: false },
  );
}

function body(doc: Doc, data: CertificateData): void {
  const a = data.affiliate;
  header(doc, data);
  intro(doc, data);
  if (data.kind === 'affiliation') {
    fieldRows(doc, [
      ['Régimen', REGIME_LABELS[a.regime]],
      ['Tipo de afiliado', AFFILIATE_TYPE_LABELS[a.affiliateType]],
      ['Estado de la afiliación', AFFILIATE_STATUS_LABELS[a.status]],
      ['Fecha de afiliación', formatNumericDate(a.affiliationDate)],
      ...(a.municipalityName ? ([['Municipio', a.municipalityName]] as [string, string][]) : []),
    ]);
  }
  sectionTitle(doc, 'Núcleo familiar');
  nucleusTable(doc, data.nucleus);
  sectionTitle(doc, 'IPS asignada');
  if (data.ips) {
    fieldRows(doc, [
      ['IPS', data.ips.name],
      ['Dirección', data.ips.address + (data.ips.municipalityName ? `, ${data.ips.municipalityName}` : '')],
      ['Teléfono', data.ips.phone],
    ]);
  } else {
    doc.font('Helvetica').fontSize(10).text('Sin IPS asignada a la fecha.', PAGE.margin, doc.y);
  }
  doc.moveDown(1);
  doc.font('Helvetica').fontSize(11).text(`Se expide a solicitud del interesado ${issueSentence(data.issuedAt)}.`, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  verificationBox(doc, data);
  footer(doc);
}

export function renderCertificate(data: CertificateData): Promise<Buffer> {
  return renderLetterPdf(
    { title: CERTIFICATE_TITLES[data.kind], author: data.issuer.name, subject: `Código de verificación ${data.verification.code}`, date: data.issuedAt },
    (doc) => body(doc, data),
  );
}
