// What a web chat client may put in an activity. Only known fields are kept, with their types checked:
// the server sets who sent it, where and when (from the token), so a client cannot speak as someone else,
// point at a staged file it did not upload, or set channel flags the bot trusts (unsupportedContent…).
import { Activity, ActivityTypes } from 'botbuilder';
import { HttpError } from '../../server/httpErrors';

const ACCEPTED_TYPES = new Set<string>([ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing]);

function optionalString(value: unknown, field: string, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_activity', `El campo ${field} debe ser texto.`);
  if (value.length > maxLength) throw new HttpError(400, 'invalid_activity', `El campo ${field} es demasiado largo.`);
  return value;
}

function pickChannelData(value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const clientActivityID = optionalString(source.clientActivityID, 'channelData.clientActivityID', 200);
  if (clientActivityID) out.clientActivityID = clientActivityID;
  const clientTimestamp = optionalString(source.clientTimestamp, 'channelData.clientTimestamp', 64);
  if (clientTimestamp) out.clientTimestamp = clientTimestamp;
  if (source.postBack === true) out.postBack = true;
  const messageBack = source.messageBack as { displayText?: unknown } | undefined;
  if (messageBack && typeof messageBack === 'object') {
    out.messageBack = { displayText: optionalString(messageBack.displayText, 'channelData.messageBack.displayText', 500) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Refuses a value (an event's payload, a button's data) larger than the budget, measured as JSON. */
function boundedValue(value: unknown, maxBytes: number): unknown {
  if (value === undefined) return undefined;
  if (Buffer.byteLength(JSON.stringify(value) ?? '') > maxBytes) {
    throw new HttpError(413, 'value_too_large', `El valor de la actividad supera ${Math.floor(maxBytes / 1024)} KB.`);
  }
  return value;
}

export function sanitizeUserActivity(body: unknown, options: { allowAttachments: boolean; maxValueBytes?: number }): Partial<Activity> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_activity', 'Se esperaba una actividad (objeto JSON).');
  }
  const source = body as Record<string, unknown>;
  const type = source.type;
  if (typeof type !== 'string' || !ACCEPTED_TYPES.has(type)) {
    throw new HttpError(400, 'unsupported_activity_type', 'Tipo de actividad no admitido: usa message, event o typing.');
  }
  const attachments = source.attachments;
  if (!options.allowAttachments && Array.isArray(attachments) && attachments.length > 0) {
    throw new HttpError(400, 'attachments_require_upload', 'Los archivos se envían con POST /conversations/{id}/upload.');
  }
  const from = source.from as { name?: unknown } | undefined;
  const textFormat = optionalString(source.textFormat, 'textFormat', 16);
  const locale = optionalString(source.locale, 'locale', 35);
  return {
    type,
    text: optionalString(source.text, 'text', 20_000),
    textFormat: textFormat === 'markdown' || textFormat === 'xml' ? textFormat : textFormat ? 'plain' : undefined,
    locale: locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? locale : undefined,
    name: optionalString(source.name, 'name', 200),
    value: boundedValue(source.value, options.maxValueBytes ?? 4 * 1024),
    localTimestamp: optionalString(source.localTimestamp, 'localTimestamp', 64) as unknown as Date | undefined,
    localTimezone: optionalString(source.localTimezone, 'localTimezone', 64),
    from: from && typeof from === 'object' ? { id: '', name: optionalString(from.name, 'from.name', 100) ?? '' } : undefined,
    channelData: pickChannelData(source.channelData),
  };
}
