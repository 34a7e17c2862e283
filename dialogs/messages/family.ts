// Texts of the family-nucleus and contact-data steps (the manual's section 8, docs/manual-map.md:
// "información del núcleo familiar", "actualización de los datos de contacto", "¿Confirmas la actualización?").
export const family = {
  chooseMember: 'Este es tu núcleo familiar. ¿Para quién es el trámite? Responde con el número.',
  chooseMemberHelp:
    'Elige a la persona de tu núcleo familiar para quien haces el trámite: tú o uno de tus beneficiarios. Responde con el número de la lista.',
  chooseMemberRetry: 'No encontré a esa persona en la lista.',
  /** One row of the nucleus: name, relationship and masked document, as the web office's table shows them. */
  memberRow: (name: string, relationship: string, maskedDocument: string) => `${name} · ${relationship} · ${maskedDocument}`,
  inactiveHidden: (count: number) =>
    count === 1
      ? '(1 persona de tu núcleo no aparece porque su afiliación no está activa).'
      : `(${count} personas de tu núcleo no aparecen porque su afiliación no está activa).`,
  onlyYou: (firstName: string) => `${firstName}, en tu núcleo familiar solo estás tú. Seguimos con tus datos.`,
  memberProfile: (p: { name: string; status: string; regime: string; affiliateType: string; ipsName?: string }) =>
    `${p.name}: ${p.status} · Régimen ${p.regime.toLowerCase()} · ${p.affiliateType} · IPS: ${p.ipsName ?? 'sin IPS asignada'}`,
  noActiveMember:
    'Nadie de tu núcleo familiar tiene la afiliación activa, así que no puedo seguir con este trámite. Escribe *asesor* si necesitas ayuda.',
} as const;

const orNone = (value: string | undefined) => value ?? 'sin registrar';

function contactLines(c: { mobile?: string; email?: string; address?: string }): string[] {
  return [`• Celular: ${orNone(c.mobile)}`, `• Correo: ${orNone(c.email)}`, `• Dirección: ${orNone(c.address)}`];
}

/** What is missing, and the offer to add it, so the answer to the EPS can reach someone. */
function missingContact(c: { mobile?: string; email?: string }): string {
  const offer = 'Así le llega la respuesta de la EPS.';
  if (!c.mobile && !c.email) return `No tiene celular ni correo registrados. ¿Quieres agregarlos ahora? ${offer}`;
  return `${c.mobile ? 'No tiene correo registrado.' : 'No tiene celular registrado.'} ¿Quieres agregarlo ahora? ${offer}`;
}

/** Contact data step: shown, confirmed as it is or updated ("¿Confirmas la actualización?"). */
export const contactData = {
  shown: (name: string, c: { mobile?: string; email?: string; address?: string }) =>
    [`Estos son los datos de contacto de ${name}:`, ...contactLines(c), '¿Están correctos?'].join('\n'),
  keep: 'Sí, están correctos',
  update: 'Actualizar datos',
  shownHelp:
    'A estos datos te enviamos la respuesta de la EPS. Elige 1 si están bien, o 2 para cambiar el celular, el correo o la dirección.',
  /**
   * Shown instead of "¿Están correctos?" when the mobile or the e-mail is missing: "sin registrar" is not
   * something to confirm as correct, so the question offers to add what is missing.
   */
  shownMissing: (name: string, c: { mobile?: string; email?: string; address?: string }) =>
    [`Estos son los datos de contacto de ${name}:`, ...contactLines(c), missingContact(c)].join('\n'),
  addMissing: 'Sí, agregar',
  skipMissing: 'No, seguir así',
  shownMissingHelp:
    'Con un celular o un correo te avisamos la respuesta de la EPS. Elige 1 para escribirlos ahora, o 2 para seguir sin ellos.',
  keepWords: 'Escribe *igual* para dejarlo como está.',
  askMobile: (current?: string) =>
    current
      ? `Escribe el nuevo celular (10 dígitos, empieza por 3). Ahora es ${current}. Escribe *igual* para dejarlo como está.`
      : 'Escribe el celular (10 dígitos, empieza por 3). Si no tiene, escribe *no*.',
  askEmail: (current?: string) =>
    current
      ? `Escribe el nuevo correo electrónico. Ahora es ${current}. Escribe *igual* para dejarlo como está.`
      : 'Escribe el correo electrónico. Si no tiene, escribe *no*.',
  askAddress: (current?: string) =>
    current
      ? `Escribe la nueva dirección de residencia. Ahora es ${current}. Escribe *igual* para dejarla como está.`
      : 'Escribe la dirección de residencia. Si no la sabes, escribe *no*.',
  mobileHelp: 'Un celular colombiano tiene 10 dígitos y empieza por 3, por ejemplo 3001234567. Escribe *igual* si no cambia.',
  emailHelp: 'Un correo se ve así: nombre@dominio.com. Escribe *igual* si no cambia.',
  addressHelp: 'Escribe la dirección como la dirías a un mensajero, por ejemplo "Calle 72 # 45-10, barrio El Prado". Escribe *igual* si no cambia.',
  invalidMobile: {
    empty: 'No recibí ningún número.',
    invalid_characters: 'El celular solo lleva números.',
    wrong_length: 'El celular debe tener 10 dígitos.',
    not_mobile: 'Ese número no es un celular: los celulares empiezan por 3.',
  },
  invalidEmail: {
    empty: 'No recibí ningún correo.',
    too_long: 'Ese correo es demasiado largo.',
    invalid: 'Ese correo no parece válido: revisa que tenga @ y un dominio (por ejemplo nombre@dominio.com).',
  },
  invalidAddress: {
    empty: 'No recibí ninguna dirección.',
    too_short: 'Esa dirección es muy corta.',
    too_long: 'Esa dirección es muy larga: usa máximo 120 caracteres.',
    invalid_characters: 'La dirección tiene caracteres que no puedo guardar (como < > { }).',
  },
  noChanges: 'No cambiaste ningún dato; seguimos con los actuales.',
  confirmUpdate: (c: { mobile?: string; email?: string; address?: string }) =>
    ['Así quedarían los datos de contacto:', ...contactLines(c), '¿Confirmas la actualización?'].join('\n'),
  confirmYes: 'Sí, actualizar',
  confirmNo: 'No, dejar como estaba',
  confirmHelp: 'Elige 1 para guardar los datos nuevos o 2 para dejar los que estaban.',
  reauthNeeded: 'Para cambiar el celular o el correo necesito confirmar que eres tú.',
  reauthFailed: 'No pude confirmar tu contraseña, así que no cambié el celular ni el correo.',
  updated: '✅ Actualizamos los datos de contacto.',
  notUpdated: 'No cambié nada; seguimos con los datos que ya estaban.',
} as const;
