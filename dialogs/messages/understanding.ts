// Texts for answers the bot had to interpret: "¿Quisiste decir…?" and short replies to courtesy.
export const understanding = {
  didYouMean: '¿Quisiste decir alguna de estas? Responde con el número.',
  didYouMeanOne: '¿Quisiste decir esto? Responde con el número.',
  noneOfThese: 'Ninguna de estas',
  thanks: '¡Con gusto! 😊 Si necesitas algo más, aquí estoy.',
  goodbye: '¡Que estés muy bien! Cuando quieras, escríbeme de nuevo.',
  /** Courtesy in the middle of a question: a short answer, then the same question. */
  courtesyMidTask: {
    greeting: '¡Hola! 👋 Sigamos con tu trámite:',
    thanks: '¡Con gusto! 😊 Sigamos:',
    goodbye: 'Si quieres terminar, escribe *salir*. Si no, sigamos:',
  },
} as const;
