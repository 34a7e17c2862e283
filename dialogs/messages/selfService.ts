// Texts of the self-service flows (the manual's sections 9 to 11, mapped in docs/manual-map.md):
// authorization status, basic data, certificates, assigned IPS and PQRDS. Short, plain, tuteo.
import { contactData } from './family';

export interface BasicDataLines {
  document: string;
  birthDate: string;
  mobile?: string;
  email?: string;
  address?: string;
  municipality: string;
}

function basicDataFieldLines(d: Pick<BasicDataLines, 'mobile' | 'email' | 'address' | 'municipality'>): string[] {
  const none = '(ninguno)';
  return [
    `• Celular (*): ${d.mobile || none}`,
    `• Correo electrónico: ${d.email || none}`,
    `• Dirección (*): ${d.address || none}`,
    `• Municipio (*): ${d.municipality}`,
  ];
}

export const selfService = {
  // Paged lists ("más")
  pageHeader: (title: string, from: number, to: number, total: number) =>
    total <= to && from === 1 ? `${title} (${total}):` : `${title} (${from} a ${to} de ${total}):`,
  pageQuestion: '¿Qué quieres hacer?',
  pageHelp:
    'Elige *Ver más* para seguir con la lista, *Buscar por servicio* para ver solo un servicio (por su código o su nombre) o *Terminar* para volver al menú.',
  pageMore: 'Ver más',
  pageFilter: 'Buscar por servicio',
  pageAll: 'Ver todas',
  pageDone: 'Terminar',
  askFilter: 'Escribe el código o el nombre del servicio. Por ejemplo: *881602* o *resonancia*.',
  askFilterHelp: 'El código es el número del servicio (CUPS) que aparece en la orden médica. También sirve una palabra del nombre, como *resonancia* o *ecografía*.',
  askFilterRetry: 'Escribe al menos 3 letras o números del servicio. Por ejemplo: *881602* o *resonancia*.',

  // Authorization status (docs/manual-map.md, section 9)
  statusChooseMember: '¿De quién quieres consultar las autorizaciones? Responde con el número.',
  statusChooseView: (name?: string) => (name ? `¿Qué quieres consultar de ${name}?` : '¿Qué quieres consultar?'),
  statusViewHelp:
    '*Autorizaciones* muestra las autorizaciones expedidas (número, servicio, IPS, estado y fechas). *Solicitudes* muestra lo que se ha pedido a la EPS, con su estado y justificación.',
  statusViewAuthorizations: 'Autorizaciones',
  statusViewRequests: 'Solicitudes',
  authorizationsTitle: 'Autorizaciones',
  filteredTitle: (filter: string) => `Autorizaciones de "${filter}"`,
  authorizationItem: (a: {
    number: string; serviceName: string; serviceCode: string; providerIpsName: string; status: string; issued: string; expires: string; downloadable?: boolean;
  }) =>
    `*${a.serviceName}* (${a.serviceCode})\nN.º ${a.number} · ${a.status}\nIPS: ${a.providerIpsName}\nExpedida: ${a.issued} · Vence: ${a.expires}` +
    (a.downloadable ? `\nPDF: escribe *descargar ${a.number}*` : ''),
  pendingSummary: (items: string[]) =>
    items.length === 1
      ? `Tienes 1 solicitud pendiente por procesar: ${items[0]}.`
      : `Tienes ${items.length} solicitudes pendientes por procesar: ${items.join('; ')}.`,
  pendingItem: (filingNumber: string, status: string, created: string) => `${filingNumber}: ${status}. La pediste el ${created}.`,
  noAuthorizations: (name?: string) => (name ? `${name} no tiene autorizaciones registradas.` : 'No tienes autorizaciones registradas.'),
  noAuthorizationsForFilter: (filter: string) => `No encontré autorizaciones de "${filter}".`,
  requestsTitle: 'Solicitudes',
  requestItem: (r: {
    filingNumber: string; service?: string; status: string; created: string; justification?: string; rejectionReason?: string;
    observation?: string; supports?: string[];
  }) =>
    [
      `*${r.filingNumber}* · ${r.status}`,
      r.service ? `Servicio: ${r.service}` : '',
      `Creada: ${r.created}`,
      r.observation ? `Observación: ${r.observation}` : '',
      r.supports?.length ? `Soportes: ${r.supports.join(', ')}` : '',
      r.justification ? `Justificación: ${r.justification}` : '',
      r.rejectionReason ? `Motivo de rechazo: ${r.rejectionReason}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  noRequests: (name?: string) => (name ? `${name} no tiene solicitudes de autorización.` : 'No tienes solicitudes de autorización.'),

  // Basic data (docs/manual-map.md, section 10, "Actualización Datos Básicos")
  basicDataChooseMember: '¿De quién quieres revisar los datos? Responde con el número.',
  basicDataShown: (name: string | undefined, d: BasicDataLines) =>
    [
      name ? `Datos básicos de ${name}:` : 'Estos son tus datos básicos:',
      `• Documento: ${d.document}`,
      `• Fecha de nacimiento: ${d.birthDate}`,
      ...basicDataFieldLines(d),
      'Los campos marcados con (*) son obligatorios.',
    ].join('\n'),
  basicDataQuestion: '¿Están correctos?',
  /** Instead of "¿Están correctos?" when the mobile or the e-mail is missing: offer to add it. */
  basicDataMissing: (self: boolean, d: { mobile?: string; email?: string }) => {
    const who = self ? 'No tienes' : 'No tiene';
    if (!d.mobile && !d.email) return `${who} celular ni correo registrados. ¿Quieres agregarlos ahora?`;
    return `${who} ${d.mobile ? 'correo' : 'celular'} registrado. ¿Quieres agregarlo ahora?`;
  },
  basicDataAdd: 'Sí, agregar',
  basicDataKeepMissing: 'No, así están bien',
  basicDataMissingHelp:
    'Con un celular o un correo te avisamos las respuestas de la EPS. Elige *Sí, agregar* para escribirlos, o *No, así están bien* para dejar registrado que tus datos están al día.',
  basicDataHelp:
    'Si todo está bien, elige *Mis datos están actualizados* y lo dejamos registrado. Si algo cambió, elige *Actualizar mis datos*: podrás cambiar el celular, el correo, la dirección y el municipio.',
  basicDataUpToDate: 'Mis datos están actualizados',
  basicDataUpdate: 'Actualizar mis datos',
  basicDataConfirmed: '✅ ¡Gracias! Registramos que tus datos están actualizados.',
  fieldMenuQuestion: (pending: string[]) =>
    (pending.length ? `Cambios por guardar:\n${pending.map((p) => `• ${p}`).join('\n')}\n` : '') + '¿Qué dato quieres actualizar?',
  fieldMenuHelp: 'Elige el dato que quieres cambiar. Cuando termines, elige *Guardar cambios*. Los marcados con (*) son obligatorios.',
  fieldLabels: { mobile: 'Celular (*)', email: 'Correo electrónico', address: 'Dirección (*)', municipalityCode: 'Municipio (*)' },
  /** Button titles: short, without "(*)" (the message above the buttons says which ones are required). */
  fieldButtons: { mobile: 'Celular', email: 'Correo electrónico', address: 'Dirección', municipalityCode: 'Municipio' },
  fieldSave: 'Guardar cambios',
  askField: {
    mobile: 'Escribe el nuevo celular (10 dígitos, empieza por 3). Es obligatorio (*).',
    email: 'Escribe el nuevo correo electrónico, o *ninguno* para dejarlo vacío.',
    address: 'Escribe la nueva dirección de residencia, como la dirías a un mensajero. Es obligatoria (*).',
  },
  fieldHelp: {
    mobile: 'Un celular colombiano tiene 10 dígitos y empieza por 3, por ejemplo 3001234567. A este número te llegan los avisos de la EPS.',
    email: 'Un correo se ve así: nombre@dominio.com. El correo es opcional: escribe *ninguno* si no quieres registrar uno.',
    address: 'Por ejemplo: "Calle 72 # 45-10, barrio El Prado". Máximo 120 caracteres.',
  },
  noneValue: '(ninguno)',
  basicDataNoChanges: 'No cambiaste ningún dato; todo sigue igual.',
  basicDataConfirmUpdate: (d: Pick<BasicDataLines, 'mobile' | 'email' | 'address' | 'municipality'>) =>
    ['Así quedarían tus datos:', ...basicDataFieldLines(d), '¿Confirmas la actualización?'].join('\n'),
  basicDataConfirmHelp: 'Elige *Sí, actualizar* para guardar los datos nuevos o *No* para dejar los que estaban.',
  basicDataYes: 'Sí, actualizar',
  basicDataNo: 'No, dejarlos como estaban',
  basicDataNotUpdated: 'No cambié nada; tus datos siguen como estaban.',
  basicDataUpdated: '✅ Tus datos han sido actualizados.',
  /** The reason for a validation code of the basic-data service (`required`, `mobile_wrong_length`…). */
  basicDataReason: (code: string): string => {
    const [field, ...rest] = code.split('_');
    const problem = rest.join('_');
    if (code === 'required') return 'Este dato es obligatorio (*): no se puede dejar vacío.';
    if (field === 'mobile' && problem in contactData.invalidMobile) return contactData.invalidMobile[problem as keyof typeof contactData.invalidMobile];
    if (field === 'email' && problem in contactData.invalidEmail) return contactData.invalidEmail[problem as keyof typeof contactData.invalidEmail];
    if (field === 'address' && problem in contactData.invalidAddress) return contactData.invalidAddress[problem as keyof typeof contactData.invalidAddress];
    if (code === 'municipality_unknown') return 'Ese municipio no está en la lista oficial (DIVIPOLA).';
    if (code === 'reauthentication_required') return 'Para cambiar el celular o el correo hay que confirmar la contraseña.';
    return 'Uno de los datos no es válido.';
  },
  basicDataError: (reason: string) => `No pudimos actualizar tus datos: ${reason} No se guardó ningún cambio.`,

  // Certificates (docs/manual-map.md, section 10, "Generar Certificados")
  certificateQuestion: '¿Qué certificado necesitas?',
  certificateHelp:
    'El *certificado de afiliación* dice que la persona está afiliada (régimen, estado, fecha de afiliación e IPS). El de *núcleo familiar* lista a todas las personas de tu grupo familiar.',
  certificateAffiliation: 'Certificado de afiliación',
  certificateNucleus: 'Certificado de núcleo familiar',
  certificateChooseMember: '¿De quién es el certificado? Responde con el número.',
  certificateReady: (what: string, code: string, url: string) =>
    `Listo, aquí está tu ${what}. 📄\nCódigo de verificación: ${code}\nQuien lo reciba puede comprobar que es auténtico en ${url}`,
  certificateWhat: {
    affiliation: (name: string) => `certificado de afiliación de ${name}`,
    family_nucleus: () => 'certificado de núcleo familiar',
  },

  // Assigned IPS (docs/manual-map.md, section 10)
  ipsCard: (ips: { name: string; address: string; municipality: string; phone: string; directions: string }, whose: string) =>
    `${whose}\n*${ips.name}*\nDirección: ${ips.address}, ${ips.municipality}\nTeléfono: ${ips.phone}\nCómo llegar: ${ips.directions}`,
  ipsWhoseOwn: 'Tu IPS asignada es:',
  ipsWhoseMember: (name: string) => `La IPS asignada de ${name} es:`,
  ipsChooseMember: '¿De quién quieres ver la IPS asignada? Responde con el número.',
  noIpsMember: (name: string) => `${name} no tiene una IPS asignada por ahora. Escribe *asesor* y te ayudamos.`,
  noIps: 'No tienes una IPS asignada por ahora. Escribe *asesor* y te ayudamos a que te asignen una.',

  // PQRDS (docs/manual-map.md, section 11)
  pqrdsQuestion: '¿Qué quieres hacer con tu PQRDS?',
  pqrdsHelp:
    'Una PQRDS es una petición, queja, reclamo, denuncia o sugerencia para la EPS. Puedes *consultar* el estado de una que ya radicaste (con su código) o *radicar* una nueva.',
  pqrdsStatusOption: 'Consultar el estado',
  pqrdsFileOption: 'Radicar una PQRDS',
  pqrdsStatusIntro: 'Para consultar tu PQRDS necesito el documento de quien la radicó y el código que te dimos.',
  pqrdsCodeQuestion: 'Escribe el código de la PQRDS. Por ejemplo: PQR-2026-000123.',
  pqrdsCodeHelp: 'El código te llegó cuando radicaste la PQRDS. Empieza por PQR, sigue el año y un número, así: PQR-2026-000123.',
  pqrdsCodeRetry: 'Ese código no tiene la forma de un código de PQRDS (PQR, el año y un número, como PQR-2026-000123).',
  pqrdsStatus: (p: { code: string; type: string; status: string; filed: string; due: string; answer?: string; answered?: string }) =>
    [
      `*${p.code}* · ${p.type}`,
      `Estado: ${p.status}`,
      // "Creada", not "Radicada": the status above may already say Radicada.
      `Creada: ${p.filed}`,
      p.answer ? `Respondida: ${p.answered}` : `Fecha límite de respuesta: ${p.due}`,
      p.answer ? `Respuesta: ${p.answer}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  pqrdsNotFound:
    'No encontré una PQRDS con ese código para ese documento. Revisa el tipo y el número de documento de quien la radicó y el código.',
  pqrdsRetryQuestion: '¿Quieres intentarlo de nuevo?',
  pqrdsRetryHelp: 'Elige *Intentar de nuevo* para escribir otra vez el documento y el código, o *Volver al menú*.',
  pqrdsRetry: 'Intentar de nuevo',
  pqrdsBackToMenu: 'Volver al menú',
  pqrdsTooManyAttempts: 'Por seguridad no puedo hacer más consultas por ahora. Si necesitas ayuda, escribe *asesor*.',
  pqrdsTypeQuestion: '¿Qué tipo de PQRDS quieres radicar?',
  pqrdsTypeHelp:
    '*Petición*: pides información o un trámite. *Queja*: te molestó la atención de una persona. *Reclamo*: un servicio no se prestó o se prestó mal. *Denuncia*: informas un posible fraude o irregularidad. *Sugerencia*: una idea para mejorar.',
  pqrdsRiskQuestion: '¿Esto afecta tu salud?',
  pqrdsRiskHelp:
    'Nos ayuda a darle prioridad. Si tu vida corre peligro, la respuesta es en 24 horas; si afecta tu salud y es urgente, en 48 horas; si afecta tu salud pero puede esperar, en 72 horas. Si es una emergencia, ve a urgencias: no necesitas autorización.',
  pqrdsRiskVital: 'Sí, mi vida corre peligro',
  pqrdsRiskPriority: 'Sí, y es urgente',
  pqrdsRiskSimple: 'Sí, pero puede esperar',
  pqrdsRiskNone: 'No afecta mi salud',
  pqrdsPetitionerIntro: 'Necesito el documento de quien radica la PQRDS. Con ese documento y el código podrás consultarla después.',
  pqrdsDescriptionQuestion: (type: string) => `Cuéntanos tu ${type.toLowerCase()}: qué pasó, cuándo y dónde. Escribe todo en un solo mensaje.`,
  // In words, not character counts (the limits are PQRDS_DESCRIPTION_MIN and _MAX).
  pqrdsDescriptionHelp: (_min: number, _max: number) =>
    'Escribe en un solo mensaje lo que necesitas que la EPS sepa: qué pasó, cuándo y dónde, en unas pocas líneas. Si tienes un documento de soporte, te lo pediré después.',
  pqrdsDescriptionTooShort: (_min: number) => 'Cuéntanos un poco más: qué pasó, cuándo y dónde.',
  pqrdsDescriptionTooLong: (_max: number) => 'Es demasiado largo: resúmelo en unos pocos párrafos y envíalo de nuevo.',
  pqrdsAskSupport: (maxMb: number) =>
    `Si tienes un documento de soporte, envíalo ahora en PDF o como foto (máximo ${maxMb} MB). Usa el botón de adjuntar 📎 o, en WhatsApp, envíalo como *Documento* o como foto. Si no tienes, escribe *no*.`,
  pqrdsSupportHelp: (maxMb: number) =>
    `El soporte es opcional: una foto de la fórmula, una carta o una factura (yo la convierto en PDF), o un PDF de máximo ${maxMb} MB y sin contraseña. Si no tienes ninguno, escribe *no*.`,
  pqrdsSupportAccepted: (name: string) => `✅ Recibí "${name}".`,
  pqrdsPhotoAccepted: '✅ Recibí tu foto y la convertí en PDF (1 página).',
  pqrdsSupportRefused: (name: string, reason: string) => `❌ No pude recibir "${name}": ${reason}. Envíalo de nuevo (en PDF o como foto) o escribe *no* para seguir sin soporte.`,
  pqrdsSupportOnlyOne: 'Solo puedo recibir un soporte por PQRDS; tomé el primero.',
  pqrdsSupportWaiting: 'Envía el PDF o la foto como archivo adjunto, o escribe *no* para seguir sin soporte.',
  pqrdsNoSupport: 'Sin soporte',
  pqrdsConfirm: (p: { type: string; risk?: string; document: string; description: string; support?: string }) =>
    [
      'Vamos a radicar esto:',
      `• Tipo: ${p.type}`,
      p.risk ? `• Afecta la salud: ${p.risk}` : '',
      `• Documento: ${p.document}`,
      `• Descripción: ${p.description}`,
      p.support ? `• Soporte: ${p.support}` : '',
      '¿Lo radicamos?',
    ]
      .filter(Boolean)
      .join('\n'),
  pqrdsConfirmHelp: 'Elige *Sí, radicar* para enviarla a la EPS o *No* para descartarla.',
  pqrdsConfirmYes: 'Sí, radicar',
  pqrdsConfirmNo: 'No',
  pqrdsDiscarded: 'Listo, no radiqué nada.',
  pqrdsFiled: (p: { type: string; code: string; due: string; hours?: number }) =>
    `✅ Radicamos tu ${p.type.toLowerCase()} con el código *${p.code}*.\n` +
    (p.hours
      ? `Por el riesgo que nos contaste, te responderemos en máximo ${p.hours} horas: a más tardar el ${p.due}.`
      : `Te responderemos a más tardar el ${p.due}.`) +
    '\nGuarda el código: con él y el documento puedes consultar el estado aquí mismo.',
} as const;
