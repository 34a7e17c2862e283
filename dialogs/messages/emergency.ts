// What the bot says at once when someone writes of a life at risk. Urgent care in Colombia needs no
// authorization (Ley 1751 de 2015, art. 14); 123 is the national emergency line; Línea 192 option 4 is
// the Ministry of Health's mental-health line, and most departments and cities answer on 106.
export const emergency = {
  emergency:
    '🚨 Si es una emergencia, ve ya al servicio de urgencias más cercano: la atención de urgencias no necesita autorización. Si no pueden moverse, llama a la línea de emergencias *123*.',
  selfHarm:
    '🚨 Lo que cuentas es importante y hay quien te ayude. Si hay peligro ahora, llama al *123* o ve a urgencias (no necesitas autorización). Para hablar ya con alguien que te escuche: *Línea 192, opción 4* (salud mental, gratis) o la *Línea 106* de tu ciudad.',
  urgentQueued: 'Te pasé de primero en la fila: un asesor te escribirá apenas se libere. No esperes su respuesta para ir a urgencias o llamar al 123.',
  urgentAgentTold: 'Le avisé a tu asesor que es urgente.',
  urgentOutsideHours: 'En este momento no hay asesores conectados: no esperes, ve a urgencias o llama al 123. Dejé tu caso de primero para que un asesor te escriba apenas abramos.',
} as const;
