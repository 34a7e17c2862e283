// Texts of the family-nucleus and contact-data steps (manual, section 8: "información del núcleo
// familiar", "actualización de los datos de contacto", "¿Confirmas la actualización?").
export const family = {
  chooseMember: 'Este es tu núcleo familiar. ¿Para quién es el trámite? Responde con el número.',
  chooseMemberHelp:
    'Elige a la persona de tu núcleo familiar para quien haces el trámite: tú o uno de tus beneficiarios. Responde con el número de la lista.',
  chooseMemberRetry: 'No encontré a esa persona en la lista.',
  /** One row of the nucleus: name, relationship and masked document, as the manual's table shows. */
  memberRow: (name: string, relationship: string, maskedDocument: string) => `${name} · ${relationship} · ${maskedDocument}`,
  inactiveHidden: (count: number) =>
    count === 1
      ? '(1 persona de tu núcleo no aparece porque su afiliación no está activa).'
      : `(${count} personas de tu núcleo no aparecen porque su afiliación no está activa).`,
  onlyYou: (firstName: string) => `${firstName}, en tu núcleo familiar solo estás tú. Seguimos con tus datos.`,
  noActiveMember:
    'Nadie de tu núcleo familiar tiene la afiliación activa, así que no puedo seguir con este trámite. Escribe *asesor* si necesitas ayuda.',
} as const;
