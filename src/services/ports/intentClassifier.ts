// What the conversation needs from an intent classifier: free text in, ranked guesses out. The dialogs
// see only this port, so the library behind it (NLP.js today) can change without touching a dialog.

export interface IntentGuess {
  /** An intent of the training corpus (data/intents.es.json); main-menu intents share the menu's values. */
  intent: string;
  /** 0..1, higher is surer. */
  score: number;
}

export interface IntentClassifier {
  /**
   * Best guess first. Empty when the text has no word the classifier learned (gibberish, a place name):
   * then nobody should be asked "¿Quisiste decir…?". The same text always gets the same answer.
   */
  classify(text: string): Promise<IntentGuess[]>;
}
