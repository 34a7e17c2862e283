// Texts of "Solicitud de autorizaciones" (the manual's section 8, docs/manual-map.md): place of residence,
// observation, PDF supports of at most 15 MB, summary, and the filing with its number and the
// 2-to-5-business-days note.
import type { SupportProblem } from '../../src/services/authorizationRequests/supportCheck';

export const authorizations = {
  intro:
    'Vamos a radicar una solicitud de autorización. Te pediré: para quién es, sus datos de contacto, el municipio de residencia, qué necesitas y los soportes (PDF o foto).',
  requestFor: (name: string) => `Solicitud para ${name}.`,

  // Place of residence: proposed from the member's record, otherwise typed and matched against DIVIPOLA.
  placeProposed: (municipality: string, department: string) => `¿El municipio de residencia es ${municipality} (${department})?`,
  placeYes: 'Sí',
  placeOther: 'No, es otro',
  placeProposedHelp: 'Necesito el municipio donde vive la persona para enviar la solicitud a la oficina que le corresponde. Elige 1 si es ese, o 2 para escribir otro.',
  askMunicipality: 'Escribe el municipio de residencia y, si quieres, el departamento. Por ejemplo: *Soledad, Atlántico*.',
  municipalityHelp:
    'Escribe el nombre del municipio como lo conoces: no importan tildes ni mayúsculas (por ejemplo "barranquilla", "sta marta" o "bogota"). Si hay varios con ese nombre, agrega el departamento.',
  municipalityNotFound: 'No encontré ese municipio en Colombia. Revisa cómo se escribe o agrega el departamento.',
  municipalityChoose: 'Encontré estos municipios. ¿Cuál es?',
  municipalityMany: (total: number) => `Hay ${total} municipios parecidos; te muestro los primeros. Si no está, elige "Otro" y agrega el departamento.`,
  municipalityRow: (municipality: string, department: string) => `${municipality} (${department})`,
  municipalityOther: 'Otro, escribirlo de nuevo',
  municipalityChooseHelp: 'Elige el número del municipio correcto, o "Otro" para escribirlo de nuevo con el departamento.',
  placeChosen: (municipality: string, department: string) => `Municipio de residencia: ${municipality} (${department}).`,

  // Observation: what is requested.
  askObservation:
    'Cuéntanos en pocas palabras qué necesitas que autoricemos: el servicio, quién lo ordenó y cuándo.\nPor ejemplo: «Resonancia magnética de rodilla derecha, ordenada por el ortopedista el 20 de noviembre en la Clínica del Norte».',
  observationHelp:
    'Escribe el servicio, examen o medicamento que te ordenaron, quién lo ordenó y cuándo. No hace falta copiar toda la orden: la adjuntarás en PDF en el siguiente paso.',
  // In words, not character counts: nobody counts the letters of what they wrote.
  observationTooShort: (_min: number, _length: number) => 'Es muy corto: cuéntanos qué servicio necesitas, quién lo ordenó y cuándo.',
  observationTooLong: (_max: number, _length: number) => 'Es muy largo: resúmelo en unas pocas líneas; los detalles van en los soportes.',

  // Supports.
  askSupports: (maxMb: number) =>
    `Ahora adjunta los soportes (orden médica, historia clínica…) en PDF o como foto, de máximo ${maxMb} MB cada uno. Usa el botón de adjuntar 📎 o, en WhatsApp, envíalos como *Documento* o como foto. Cuando termines escribe *listo*.`,
  supportsHelp: (maxMb: number) =>
    `Los soportes son los documentos de tu orden médica: en PDF (de máximo ${maxMb} MB y sin contraseña) o como foto. Si tienes la orden en papel, tómale una foto de frente, con buena luz y que se lea: yo la convierto en PDF. Cuando termines escribe *listo*.`,
  supportAccepted: (name: string, count: number) =>
    `✅ Recibí "${name}" (${count === 1 ? '1 soporte' : `${count} soportes`}). Envía otro PDF o foto, o escribe *listo*.`,
  photoAccepted: (count: number) =>
    `✅ Recibí tu foto y la convertí en PDF (1 página). Llevas ${count === 1 ? '1 soporte' : `${count} soportes`}. Envía otro PDF o foto, o escribe *listo*.`,
  supportRefused: (name: string, reason: string) => `❌ No pude recibir "${name}": ${reason}. Envíalo de nuevo (en PDF o como foto) o escribe *listo* si ya terminaste.`,
  supportProblem: {
    not_pdf: 'no es un PDF ni una foto (si es un documento de Word, guárdalo como PDF)',
    too_large: 'pesa más de 15 MB',
    empty: 'está vacío o no tiene páginas',
    encrypted: 'tiene contraseña o está protegido; envíalo sin contraseña',
    active_content: 'trae contenido activo (JavaScript, archivos incrustados o acciones automáticas) y por seguridad no lo recibimos',
    damaged: 'está dañado o incompleto; ábrelo en tu celular o computador para revisarlo y envíalo otra vez',
    unavailable: 'no me llegó completo; envíalo otra vez',
    busy: 'en este momento estoy revisando muchos archivos; envíalo de nuevo en un minuto',
    image_too_small: 'la foto es muy pequeña para leerla (menos de 600 píxeles de lado); tómala más de cerca, con buena luz',
    image_too_large: 'la imagen tiene demasiados píxeles (más de 50 megapíxeles); envía una foto normal tomada con el celular',
    image_damaged: 'la foto está dañada o incompleta; tómala de nuevo y envíala otra vez',
    image_animated: 'es una imagen animada; envía una foto fija del documento',
    image_unsupported: 'no puedo abrir ese formato de foto (HEIC); envíala como JPG o toma una captura de pantalla de la foto',
  } satisfies Record<SupportProblem, string>,
  samePhotosQuestion: (count: number) => `Recibí ${count} fotos seguidas. ¿Son páginas del mismo documento?`,
  samePhotosYes: (count: number) => `Sí, un PDF de ${count} páginas`,
  samePhotosNo: 'No, son documentos distintos',
  samePhotosHelp:
    'Si las fotos son las páginas de una misma orden o historia, elige 1 y quedan juntas en un solo PDF. Si cada foto es un documento distinto, elige 2 y cada una queda como un soporte aparte.',
  photosJoined: (count: number) => `Listo: junté las ${count} fotos en un PDF de ${count} páginas.`,
  photosJoinFailed: (reason: string) => `No pude juntar las fotos: ${reason}. Las dejo como soportes separados.`,
  supportsNeedOne: 'Necesito al menos un soporte (PDF o foto) para radicar la solicitud. Adjúntalo y luego escribe *listo*.',
  supportsWaiting: 'Envía el PDF o la foto como archivo adjunto, o escribe *listo* cuando termines.',
  supportsFull: (max: number) => `Ya tengo ${max} soportes, el máximo por solicitud. Escribe *listo* para seguir.`,
  defaultFileName: 'documento.pdf',
  defaultPhotoName: 'foto.pdf',

  // Summary and confirmation ("Enviar Solicitud").
  summary: (p: { member: string; place: string; observation: string; supports: string[] }) =>
    [
      'Revisa tu solicitud:',
      `• Para: ${p.member}`,
      `• Municipio: ${p.place}`,
      `• Lo que necesitas: ${p.observation}`,
      `• Soportes (${p.supports.length}): ${p.supports.join(', ')}`,
    ].join('\n'),
  privacyNote:
    'Nota: te enviaremos la información de la autorización a tu celular y/o correo registrado entre 2 y 5 días hábiles, de acuerdo con la política de privacidad de la EPS y la autorización de tratamiento de datos que nos diste.',
  confirmQuestion: '¿Enviamos la solicitud?',
  send: 'Enviar solicitud',
  changePlace: 'Cambiar el municipio',
  changeObservation: 'Cambiar lo que necesitas',
  changeSupports: 'Cambiar los soportes',
  confirmHelp: 'Elige 1 para radicar la solicitud, o una de las otras opciones para corregir algo antes de enviarla. Lo demás que ya respondiste se conserva.',

  // Filing.
  filed: (filingNumber: string, earliest: string, due: string) =>
    [
      '✅ Radicamos tu solicitud de autorización.',
      `Número de radicado: *${filingNumber}*`,
      `Te responderemos entre el ${earliest} y el ${due} (2 a 5 días hábiles).`,
      `Guarda el número: para saber cómo va, escribe *consulta ${filingNumber}* o elige "Estado de autorizaciones".`,
    ].join('\n'),
  notified: (channels: ('sms' | 'email')[]) =>
    channels.length === 2
      ? 'También te enviamos el radicado por SMS y por correo.'
      : channels[0] === 'sms'
        ? 'También te enviamos el radicado por SMS.'
        : channels[0] === 'email'
          ? 'También te enviamos el radicado por correo.'
          : 'No tienes celular ni correo registrado: guarda el número de radicado.',
  supportExpired: 'Uno de los soportes ya no está disponible (pasó mucho tiempo o llegó incompleto). Envíalos de nuevo, por favor.',
  memberInactive: 'La afiliación de esa persona no está activa, así que no puedo radicar la solicitud. Escribe *asesor* si necesitas ayuda.',
} as const;
