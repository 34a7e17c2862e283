// Registration, login, password and consent texts (es-CO, tuteo, short). Replies that must not reveal
// whether a document exists (notVerified, recoveryAccepted, loginInvalid) are single constants, so the
// enumeration tests can compare them byte for byte.
import type { DateProblem } from '../../src/domain/spanishDate';
import type { DocumentNumberProblem, NumberRule } from '../../src/domain/documents';
import type { MobileProblem } from '../../src/domain/phone';

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return m === 1 ? '1 minuto' : `${m} minutos`;
}

export const identity = {
  // Document (shared by registration, login and recovery)
  documentTypeQuestion: '¿Qué tipo de documento tienes?',
  otherDocumentOption: 'Otro documento',
  otherDocumentTypeQuestion: '¿Cuál de estos documentos tienes?',
  documentTypeHelp:
    'Elige el documento con el que estás afiliado(a) a la EPS. Responde con el número de la lista o con el nombre, por ejemplo *cédula*.',
  documentTypeRetry: 'No reconocí ese tipo de documento.',
  documentNumberQuestion: (typeName: string) => `Escribe el número de tu ${typeName.toLowerCase()}, sin puntos ni espacios.`,
  documentNumberHelp: 'Es el número que aparece en tu documento de identidad. Puedes escribirlo con o sin puntos.',
  documentNumberProblem: (problem: DocumentNumberProblem, rule: NumberRule): string => {
    switch (problem) {
      case 'empty':
        return 'No recibí ningún número.';
      case 'not_numeric':
        return 'Ese documento solo lleva números.';
      case 'invalid_characters':
        return 'El número solo puede tener letras y números.';
      case 'too_short':
        return `Ese número es muy corto: este documento tiene al menos ${rule.minLength} caracteres.`;
      case 'too_long':
        return `Ese número es muy largo: este documento tiene máximo ${rule.maxLength} caracteres.`;
      case 'leading_zero':
        return 'Una cédula no empieza por 0. Revisa el número.';
    }
  },

  // Mobile and issue date
  mobileQuestion: 'Escribe tu número de celular (10 dígitos, empieza por 3).',
  mobileHelp: 'Es el celular que registraste en la EPS. Ahí te llegará la contraseña por SMS. Ejemplo: 3001234567.',
  mobileProblem: (problem: MobileProblem): string => {
    switch (problem) {
      case 'empty':
        return 'No recibí ningún número.';
      case 'invalid_characters':
        return 'El celular solo lleva números.';
      case 'wrong_length':
        return 'Un celular en Colombia tiene 10 dígitos.';
      case 'not_mobile':
        return 'Ese número no es un celular: en Colombia los celulares empiezan por 3.';
    }
  },
  issueDateQuestion: '¿En qué fecha se expidió tu documento? Por ejemplo: 14/03/2008 o 14 de marzo de 2008.',
  issueDateHelp: 'La fecha de expedición aparece en tu documento de identidad. Escríbela con día, mes y año, por ejemplo 14/03/2008.',
  dateProblem: (problem: DateProblem): string => {
    switch (problem) {
      case 'empty':
      case 'unrecognized':
        return 'No entendí esa fecha.';
      case 'missing_year':
        return 'Falta el año.';
      case 'two_digit_year':
        return 'Escribe el año con 4 dígitos, por ejemplo 2008.';
      case 'invalid_date':
        return 'Esa fecha no existe en el calendario.';
      case 'future':
        return 'La fecha de expedición no puede ser posterior a hoy.';
      case 'too_old':
        return 'Esa fecha es demasiado antigua. Revisa el año.';
    }
  },

  // Registration
  registrationIntro:
    'Vamos a crear tu cuenta de la Oficina Virtual. Te pediré tu documento, tu celular y la fecha de expedición de tu documento.',
  privacyIntro: 'Antes de terminar, lee cómo cuidamos tus datos:',
  privacyFullText: (url: string) => `Política completa: ${url}`,
  privacyQuestion: '¿Autorizas el tratamiento de tus datos personales según esta política?',
  privacyHelp: 'Sin tu autorización no podemos crear la cuenta. Responder sobre datos de salud es opcional. Elige 1 para aceptar o 2 para no aceptar.',
  acceptOption: 'Sí, acepto',
  declineOption: 'No acepto',
  privacyDeclined: 'Entendido, no creamos la cuenta. Sin tu autorización no podemos registrarte; puedes hacerlo cuando quieras.',
  registered: (lastDigits: string, ttlMinutes: number) =>
    `¡Listo! Creamos tu cuenta. Te enviamos por SMS una contraseña temporal al celular terminado en ${lastDigits}. Vence en ${ttlMinutes} minutos y la cambiarás al entrar. Para entrar, elige *Iniciar sesión*.`,
  registeredThenLogin: (lastDigits: string, ttlMinutes: number) =>
    `¡Listo! Creamos tu cuenta. Te enviamos por SMS una contraseña temporal al celular terminado en ${lastDigits}. Vence en ${ttlMinutes} minutos y la cambiarás al entrar.`,
  alreadyRegistered:
    'Ya estás registrado(a) en la Oficina Virtual. Para entrar elige *Iniciar sesión*. Si olvidaste tu contraseña, elige *Iniciar sesión* y luego *Olvidé mi contraseña*.',
  notVerified:
    'No pudimos validar tus datos. Revisa que el documento, el celular y la fecha de expedición sean los que tiene registrados tu EPS, y que tu afiliación esté activa. Si necesitas ayuda, escribe *asesor*.',
  tooManyAttempts: 'Por seguridad no podemos validar más intentos con ese documento por ahora. Intenta de nuevo en una hora o escribe *asesor*.',
  smsLimit: 'Ya enviamos varios SMS para este documento. Por seguridad, espera una hora e intenta de nuevo, o escribe *asesor*.',

  // Login
  passwordQuestion:
    'Escribe tu contraseña. 🔒 No la mostramos a nadie; si usas WhatsApp, puedes borrar tu mensaje después.\nSi no la recuerdas, escribe *olvidé mi contraseña*.',
  passwordHelp:
    'Es la contraseña de la Oficina Virtual. Si es tu primera vez, usa la contraseña temporal que te llegó por SMS. Si la olvidaste, escribe *olvidé mi contraseña*.',
  passwordEmpty: 'No recibí ninguna contraseña.',
  passwordTooLong: 'Esa contraseña es demasiado larga (máximo 128 caracteres).',
  loginInvalid: 'El documento o la contraseña no son correctos.',
  waitBeforeRetry: (ms: number) => `Por seguridad, espera ${minutes(ms)} antes de intentar de nuevo.`,
  slowedDown: (ms: number) => `Hubo muchos intentos fallidos desde esta conexión. Por seguridad, espera ${minutes(ms)} e intenta de nuevo.`,
  locked: (ms: number) => `Por seguridad, por ahora no puedes intentar con ese documento. Espera ${minutes(ms)} e intenta de nuevo.`,
  tempExpired: 'Tu contraseña temporal ya venció. Pide una nueva con *Olvidé mi contraseña*.',
  notActive: 'Tu afiliación no está activa, por eso no puedes entrar a la Oficina Virtual. Si crees que es un error, escribe *asesor*.',
  afterFailureQuestion: '¿Qué quieres hacer?',
  retryOption: 'Intentar de nuevo',
  forgotOption: 'Olvidé mi contraseña',
  backToMenuOption: 'Volver al menú',
  welcome: (firstName: string) => `¡Hola, ${firstName}! Ya iniciaste sesión.`,

  // Password change
  mustChangePassword: 'Estás usando una contraseña temporal. Ahora crea tu contraseña personal.',
  newPasswordQuestion: 'Escribe tu nueva contraseña: mínimo 8 caracteres. Una frase que solo tú sepas es una buena opción.',
  newPasswordHelp:
    'Usa al menos 8 caracteres (puede ser una frase con espacios). No uses tu número de documento ni contraseñas comunes como 12345678.',
  passwordTooShort: (min: number) => `Esa contraseña es muy corta: usa al menos ${min} caracteres.`,
  passwordTooLongForPolicy: (max: number) => `Esa contraseña es muy larga: usa máximo ${max} caracteres.`,
  passwordCommon: 'Esa contraseña es muy común y fácil de adivinar. Elige otra.',
  passwordHasDocument: 'La contraseña no puede contener tu número de documento. Elige otra.',
  sameAsCurrent: 'La nueva contraseña debe ser distinta de la anterior.',
  passwordChanged: 'Listo, guardamos tu nueva contraseña. Si usas WhatsApp, te recomendamos borrar los mensajes donde la escribiste.',

  // Charter of rights and duties
  charterIntro: 'Para entrar, confirma que leíste la carta de derechos y deberes del afiliado:',
  charterFullText: (url: string) => `Carta completa: ${url}`,
  charterQuestion: '¿Confirmas que leíste y aceptas la carta de derechos y deberes?',
  charterHelp: 'La EPS exige aceptar la carta de derechos y deberes para usar la Oficina Virtual. Elige 1 para aceptar o 2 para no aceptar.',
  charterDeclined: 'Entendido. Sin aceptar la carta no puedes entrar a la Oficina Virtual. Puedes aceptarla la próxima vez que inicies sesión.',

  // Recovery
  recoveryIntro: 'Te enviaremos una contraseña temporal por SMS al celular que tiene registrado la EPS.',
  recoveryAccepted:
    'Si los datos coinciden con una cuenta registrada, en unos minutos te llegará un SMS al celular registrado con una contraseña temporal. Luego elige *Iniciar sesión*. Si cambiaste de celular, escribe *asesor*.',

  // Re-authentication (before changing contact data)
  reauthQuestion: 'Por seguridad, escribe de nuevo tu contraseña. 🔒',
  reauthInvalid: 'La contraseña no es correcta.',
  reauthFailed: 'No pudimos confirmar que eres tú, así que no haremos el cambio.',
} as const;
