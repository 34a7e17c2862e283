// What the affiliate reads when the EPS decides a request or answers a PQRDS: the SMS (GSM-7 only, no
// accents, initials instead of names, no service or diagnosis), the e-mail, and the chat message.
export function pesos(amount: number): string {
  return `$${amount.toLocaleString('es-CO', { maximumFractionDigits: 0 })}`;
}

export const decisionTexts = {
  approvedSms: (filingNumber: string, number: string, initials: string, until: string) =>
    `Oficina Virtual EPS: aprobamos tu solicitud ${filingNumber} (${initials}): autorizacion ${number}, vigente hasta el ${until}. Descargala en la Oficina Virtual.`,
  rejectedSms: (filingNumber: string, initials: string) =>
    `Oficina Virtual EPS: tu solicitud ${filingNumber} (${initials}) no fue aprobada. Consulta el motivo en la Oficina Virtual, opcion Estado de autorizaciones.`,
  supportsSms: (filingNumber: string, initials: string) =>
    `Oficina Virtual EPS: para tu solicitud ${filingNumber} (${initials}) necesitamos mas soportes. Escribe "soportes" en el chat de la Oficina Virtual para enviarlos.`,
  subject: (filingNumber: string, outcome: string) => `Solicitud de autorización ${filingNumber}: ${outcome}`,
  outcome: { approve: 'aprobada', reject: 'no aprobada', request_supports: 'necesitamos más soportes' } as const,
  approvedLines: (p: { filingNumber: string; memberName: string; number: string; service: string; ips: string; quantity: number; from: string; until: string; copay: string; code: string; url: string }) => [
    `Aprobamos la solicitud ${p.filingNumber} para ${p.memberName}.`,
    `Autorización N.º ${p.number}: ${p.service}, cantidad ${p.quantity}.`,
    `IPS: ${p.ips}.`,
    `Vigente del ${p.from} al ${p.until}. Cuota moderadora o copago: ${p.copay}.`,
    `Código de verificación ${p.code} (${p.url}).`,
  ],
  rejectedLines: (p: { filingNumber: string; memberName: string; reason: string; detail?: string }) => [
    `La solicitud ${p.filingNumber} para ${p.memberName} no fue aprobada.`,
    `Motivo: ${p.reason}.`,
    ...(p.detail ? [p.detail] : []),
    'Si tienes dudas, escribe *asesor* en el chat.',
  ],
  supportsLines: (p: { filingNumber: string; memberName: string; message: string }) => [
    `Para la solicitud ${p.filingNumber} de ${p.memberName} necesitamos más soportes:`,
    `"${p.message}"`,
    'Escribe *soportes* en el chat para enviarlos en PDF.',
  ],
  pdfHint: 'Te envío la autorización en PDF: preséntala en la IPS.',
  emailClosing: ['', 'Puedes consultar el estado en la Oficina Virtual, opción "Estado de autorizaciones".', '', 'Oficina Virtual de tu EPS'],
} as const;

export const pqrdsAnswerTexts = {
  sms: (code: string) => `Oficina Virtual EPS: respondimos tu PQRDS ${code}. Consulta la respuesta en la Oficina Virtual, opcion PQRDS, o en tu correo.`,
  subject: (code: string) => `Respuesta a tu PQRDS ${code}`,
  lines: (code: string, answer: string, closed: boolean) => [
    `Respuesta a tu PQRDS ${code}${closed ? ' (cerrada)' : ''}:`,
    answer,
  ],
} as const;
