// What the user reads when they ask for a person, wait, talk to an agent and come back to the bot.
export const handoff = {
  queued: (position: number) =>
    position <= 1
      ? 'Listo, te comunico con un asesor. Eres el siguiente en la fila. 🙋'
      : `Listo, te comunico con un asesor. Estás en el puesto ${position} de la fila. 🙋`,
  whileWaiting:
    'Mientras esperas, puedes escribir aquí lo que necesitas y el asesor lo leerá. Si cambias de idea, escribe *cancelar* y sigues con el asistente.',
  alreadyQueued: (position: number) =>
    position <= 1
      ? 'Ya estás en la fila para hablar con un asesor: eres el siguiente.'
      : `Ya estás en la fila para hablar con un asesor: vas en el puesto ${position}.`,
  alreadyWithAgent: 'Ya estás hablando con un asesor. Escríbele aquí.',
  callbackPending: (position: number) =>
    `Ya pediste que un asesor te escriba. Vas en el puesto ${position}; mientras tanto puedes seguir usando el asistente.`,
  outsideHours: (schedule: string, opening: string) =>
    `Nuestros asesores atienden ${schedule}. Ahora no hay nadie disponible, así que dejé tu solicitud en la fila: un asesor te escribirá por este chat ${opening}. Mientras tanto puedes seguir usando el asistente.`,
  stillWaiting: (position: number) =>
    position <= 1
      ? 'Tu mensaje quedó para el asesor. Eres el siguiente en la fila. Escribe *cancelar* si prefieres seguir con el asistente.'
      : `Tu mensaje quedó para el asesor. Vas en el puesto ${position} de la fila. Escribe *cancelar* si prefieres seguir con el asistente.`,
  agentJoined: (agentName: string, title: 'asesor' | 'asesora' = 'asesor') =>
    `Hola, soy ${agentName}, ${title} de tu EPS. Ya leí tu conversación; cuéntame en qué te ayudo.`,
  transferred: (agentName: string, title: 'asesor' | 'asesora' = 'asesor') =>
    `Te paso con ${agentName}, ${title === 'asesora' ? 'otra asesora' : 'otro asesor'}, que sigue atendiéndote por aquí.`,
  leftQueue: 'Listo, saliste de la fila de asesores. Seguimos con el asistente donde íbamos.',
  leftAgent: 'Listo, terminaste la conversación con el asesor. Seguimos con el asistente donde íbamos.',
  resolved: 'El asesor terminó la conversación. Volviste al asistente virtual; seguimos donde íbamos.',
  expired: (minutes: number) =>
    `Lo siento, en ${minutes} minutos ningún asesor pudo atenderte. ¿Qué prefieres?`,
  expiredOptions: ['Seguir con el asistente', 'Que un asesor me escriba'] as const,
  callbackQueued:
    'Listo, un asesor te escribirá por este chat apenas esté disponible. Mientras tanto puedes seguir usando el asistente.',
  backToBot: 'Listo, seguimos con el asistente.',
  repeatedFailuresHint: '¿Se te está complicando este paso? Escribe *asesor* y te atiende una persona.',
  agentFileCaption: 'El asesor te envió este documento.',
} as const;
