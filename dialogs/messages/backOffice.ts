// What the bot says about the EPS's decisions: waiting news, the request lookup by filing number, and
// sending the supports the EPS asked for.
export const backOffice = {
  noticesHeading: (count: number) => (count === 1 ? 'Tienes novedades:' : `Tienes ${count} novedades:`),

  lookupNotFound: (filingNumber: string) =>
    `No encontré la solicitud ${filingNumber} entre las de tu núcleo familiar. Revisa el número (por ejemplo, AUT-2026-000006).`,
  lookupStatus: (r: { filingNumber: string; member: string; status: string; filed: string; due: string; observation: string; supports: number }) =>
    [
      `*${r.filingNumber}* · ${r.status}`,
      `Para: ${r.member}`,
      `Creada: ${r.filed} · Respuesta a más tardar: ${r.due}`,
      `Observación: ${r.observation}`,
      `Soportes: ${r.supports} PDF`,
    ].join('\n'),
  lookupDecision: (text: string) => `Respuesta de la EPS: ${text}`,
  lookupDownloadHint: (number: string) => `Escribe *descargar ${number}* para recibir la autorización en PDF.`,
  authorizationPdfCaption: 'Aquí está tu autorización en PDF. Preséntala en la IPS con tu documento.',
  authorizationPdfNotFound: 'No encontré esa autorización en tu núcleo familiar, o no tiene documento digital.',

  supportsNoneWaiting: 'No tienes solicitudes esperando soportes. Puedes revisar tus solicitudes en *Estado de autorizaciones*.',
  supportsChoose: 'Estas solicitudes esperan soportes. ¿Para cuál los vas a enviar? Responde con el número.',
  supportsChooseHelp: 'Cada opción es una solicitud a la que la EPS le pidió más documentos.',
  supportsOption: (filingNumber: string, member: string) => `${filingNumber} (${member})`,
  supportsAsked: (filingNumber: string, message: string) => `Para la solicitud ${filingNumber} la EPS te pide: "${message}"`,
  supportsSent: (filingNumber: string, count: number) =>
    `Listo: agregamos ${count === 1 ? 'un soporte' : `${count} soportes`} a la solicitud ${filingNumber}. Volvió a la cola de revisión y te avisaremos por SMS, correo y aquí.`,
  supportsFailed: 'No pude agregar los soportes. Intenta de nuevo o escribe *asesor*.',
} as const;
