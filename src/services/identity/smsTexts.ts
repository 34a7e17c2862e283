// SMS wording. Kept within one 160-character GSM-7 segment (src/domain/smsText.ts folds á, í, ó, ú);
// ñ and é are in GSM-7. The password sits alone on its line so no punctuation can be mistaken for part of it.
import { smsText } from '../../domain/smsText';

export const TEMP_PASSWORD_TTL_MINUTES = 30;

export const smsTexts = {
  registered: (password: string) =>
    smsText(`Oficina Virtual EPS: tu cuenta fue creada.\nContraseña temporal: ${password}\nVence en ${TEMP_PASSWORD_TTL_MINUTES} min y debes cambiarla al entrar. No la compartas.`),
  recovered: (password: string) =>
    smsText(`Oficina Virtual EPS: pediste recuperar tu contraseña.\nContraseña temporal: ${password}\nVence en ${TEMP_PASSWORD_TTL_MINUTES} min. Si no fuiste tu, ignora este SMS.`),
} as const;
