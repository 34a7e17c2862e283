// Texts shared by every flow (es-CO, short, plain words). Tests assert against these constants.
export const common = {
  welcome:
    '¡Hola! 👋 Soy la Oficina Virtual de tu EPS. Te ayudo con registro, autorizaciones, certificados, datos y PQRDS.',
  menuPrompt: '¿Qué quieres hacer? Responde con el número o con palabras.',
  menuFooter: 'En cualquier momento escribe *menú*, *cancelar*, *ayuda*, *asesor* o *salir*.',
  comingSoon: (what: string) => `"${what}" estará disponible pronto. Mientras tanto puedes elegir otra opción.`,
  fileNotExpected: 'Recibí tu archivo, pero en este paso no lo necesito. Elige una de las opciones con su número o con palabras.',
  notUnderstoodChoice: 'No entendí tu respuesta. Elige una de las opciones con su número o con palabras.',
  cancelled: 'Listo, cancelé lo que estábamos haciendo.',
  nothingToCancel: 'No hay nada en curso para cancelar.',
  goodbye: 'Cerraste tu sesión. ¡Gracias por escribirnos! Cuando quieras, escribe *hola* para empezar de nuevo.',
  helpGeneral:
    'Te ayudo con los trámites de tu EPS. Elige una opción del menú con su número. Escribe *menú* para volver al inicio, *cancelar* para dejar un trámite, *asesor* para hablar con una persona o *salir* para cerrar sesión.',
  helpNoStep: 'Escribe *menú* para ver las opciones.',
  agentUnavailable:
    'Por ahora no puedo comunicarte con un asesor desde aquí. Puedes llamar a la línea de atención de tu EPS.',
  turnError:
    'Lo siento, algo falló de nuestro lado. Volvemos al inicio; nada de lo que ya radicaste se perdió. Si quieres, escribe *asesor* para hablar con una persona.',
  yesNo: ['Sí', 'No'] as const,
  onlyTextAndPdf: 'Solo puedo leer texto y documentos PDF. 🙏',
  fileTooLarge: 'Ese archivo pesa más de 15 MB y no lo puedo recibir. Envía una versión más liviana (por ejemplo, escaneada en blanco y negro) o divídela en varios PDF.',
} as const;
