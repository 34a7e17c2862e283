export const session = {
  loginFirst: 'Para esa opción primero debes iniciar sesión.',
  idleExpired: 'Tu sesión se cerró porque pasaron 15 minutos sin actividad. Inicia sesión de nuevo cuando quieras.',
  endedByRecords: 'Tu sesión se cerró porque cambió tu estado de afiliación en nuestros registros. Si crees que es un error, escribe asesor.',
  absoluteExpired: 'Tu sesión se cerró porque lleva abierta 12 horas. Inicia sesión de nuevo cuando quieras.',
} as const;
