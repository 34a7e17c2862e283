// SMS and e-mail of a filing. The SMS stays within one GSM-7 segment where possible (src/domain/smsText.ts);
// it names the member by initials only and never the service requested.
import { smsText } from '../../domain/smsText';

export const filingNotice = {
  sms: (filingNumber: string, memberInitials: string, dueDate: string) =>
    smsText(`Oficina Virtual EPS: radicamos tu solicitud de autorizacion ${filingNumber} para ${memberInitials}. Te respondemos a mas tardar el ${dueDate}.`),
  emailSubject: (filingNumber: string) => `Solicitud de autorización ${filingNumber} radicada`,
  emailBody: (p: { filingNumber: string; memberName: string; filedOn: string; earliest: string; due: string; supports: number }) =>
    [
      'Hola,',
      '',
      `Radicamos la solicitud de autorización ${p.filingNumber} para ${p.memberName} el ${p.filedOn}, con ${p.supports} soporte(s) en PDF.`,
      `Te enviaremos la respuesta a tu celular y/o correo registrado entre el ${p.earliest} y el ${p.due} (2 a 5 días hábiles).`,
      'Puedes consultar su estado en la Oficina Virtual, opción "Estado de autorizaciones".',
      '',
      'Oficina Virtual de tu EPS',
    ].join('\n'),
} as const;
