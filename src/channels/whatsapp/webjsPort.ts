// Our small view of a WhatsApp Web client. Only webjsClient.ts implements it with whatsapp-web.js;
// the adapter, the supervisor and every test use this port, so nothing else needs a phone or Chromium.

/** A received message, in the few fields we use (whatsapp-web.js Message has the same names). */
export interface WebJsMessage {
  /** Serialized message id. */
  id: string;
  /** The chat: "<number>@c.us", "<id>@lid", "<id>@g.us", "status@broadcast"… */
  from: string;
  fromMe: boolean;
  isStatus: boolean;
  /** whatsapp-web.js MessageTypes value: chat, document, image, sticker, ptt, location, vcard… */
  type: string;
  /** Text, or the caption of a media message. */
  body: string;
  hasMedia: boolean;
  /** The media's size as the sender's phone declared it, known before downloading anything. */
  declaredMediaBytes?: number;
  /** Seconds since the epoch. */
  timestamp: number;
  downloadMedia(): Promise<WebJsMedia | undefined>;
}

export interface WebJsMedia {
  mimetype: string;
  /** Base64. whatsapp-web.js hands the whole file over in memory. */
  data: string;
  filename?: string | null;
  filesize?: number | null;
}

export interface WebJsFile {
  mimetype: string;
  data: Buffer;
  filename: string;
  caption?: string;
}

export type WebJsState =
  | { kind: 'qr'; qr: string }
  | { kind: 'pairing_code'; code: string }
  | { kind: 'authenticated' }
  | { kind: 'ready' }
  | { kind: 'auth_failure' }
  | { kind: 'disconnected'; reason: string };

export interface WhatsAppWebClient {
  onMessage(handler: (message: WebJsMessage) => Promise<void>): void;
  onState(handler: (state: WebJsState) => void): void;
  /** Opens the browser and WhatsApp Web; resolves once initialisation has started (not when ready). */
  start(): Promise<void>;
  /** Closes the browser; the session on disk is kept. */
  stop(): Promise<void>;
  sendText(chatId: string, text: string): Promise<string | undefined>;
  sendFile(chatId: string, file: WebJsFile): Promise<string | undefined>;
}
