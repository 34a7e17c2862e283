// Words that name a task without being on the menu: a filing number ("consulta AUT-2026-000006", as the
// filing message promises), "soportes" (the answer to the EPS asking for more), and "descargar <número>".
import { DialogIds } from '../ids';
import { MenuEntry, MenuShortcuts } from '../menu';
import { normalize } from '../validators';

const FILING = /\baut\s*-?\s*(\d{4})\s*-?\s*(\d{6})\b/i;
const DOWNLOAD = /^descargar(?: (?:la )?autorizacion)? ([a-z0-9-]{4,30})$/;
const SUPPORTS = ['soportes', 'soporte', 'enviar soportes', 'mas soportes', 'adjuntar soportes'];

export const backOfficeShortcuts: MenuShortcuts = (text) => {
  const filing = FILING.exec(text);
  if (filing) return entry('requestLookup', 'Consultar solicitud', DialogIds.requestLookup, { filingNumber: `AUT-${filing[1]}-${filing[2]}` });
  const words = normalize(text);
  if (SUPPORTS.includes(words)) return entry('sendSupports', 'Enviar soportes', DialogIds.sendSupports);
  const download = DOWNLOAD.exec(words);
  if (download) return entry('authorizationDownload', 'Descargar autorización', DialogIds.authorizationDownload, { number: download[1].toUpperCase() });
  return undefined;
};

function entry(value: string, title: string, dialogId: string, options?: object): MenuEntry {
  return { value, title, dialogId, requiresLogin: true, options };
}
