// The main menu: everything the EPS's web office lets an affiliate do (docs/manual-map.md). An entry
// whose dialog is not registered yet says "pronto disponible"; one that needs a logged-in affiliate goes
// through the login dialog first.
// Numbers never move: logged in, "Registrarme" and "Iniciar sesión" (1 and 2) become "Cambiar mi
// contraseña" and "Cerrar sesión", so someone who learned "4" for authorizations finds it there again.
import { DialogIds } from './ids';
import { ChoiceOption } from './validators';

export interface MenuEntry extends ChoiceOption {
  dialogId: string;
  requiresLogin: boolean;
  /** Registration and login make no sense once logged in. */
  hideWhenLoggedIn?: boolean;
  /** Logout only makes sense when logged in. */
  onlyWhenLoggedIn?: boolean;
  /** Passed to the dialog (a shortcut such as "consulta AUT-2026-000006" carries what was typed). */
  options?: object;
}

/** Recognizes words that are not on the menu but name a task ("soportes", "consulta AUT-…"). */
export type MenuShortcuts = (text: string) => MenuEntry | undefined;

export const MENU: readonly MenuEntry[] = [
  { value: 'register', title: 'Registrarme', synonyms: ['registro', 'crear cuenta', 'inscribirme'], dialogId: DialogIds.register, requiresLogin: false, hideWhenLoggedIn: true },
  { value: 'changePassword', title: 'Cambiar mi contraseña', synonyms: ['cambiar contraseña', 'cambiar clave', 'nueva contraseña'], dialogId: DialogIds.changePassword, requiresLogin: true, onlyWhenLoggedIn: true },
  { value: 'login', title: 'Iniciar sesión', synonyms: ['ingresar', 'entrar', 'login', 'iniciar sesion'], dialogId: DialogIds.login, requiresLogin: false, hideWhenLoggedIn: true },
  { value: 'logout', title: 'Cerrar sesión', synonyms: ['cerrar sesion', 'salir de mi cuenta'], dialogId: DialogIds.logout, requiresLogin: true, onlyWhenLoggedIn: true },
  { value: 'requestAuthorization', title: 'Solicitar autorización', synonyms: ['solicitud', 'pedir autorizacion', 'radicar autorizacion'], dialogId: DialogIds.requestAuthorization, requiresLogin: true },
  { value: 'authorizationStatus', title: 'Estado de autorizaciones', synonyms: ['consultar autorizaciones', 'mis autorizaciones', 'estado'], dialogId: DialogIds.authorizationStatus, requiresLogin: true },
  { value: 'updateBasicData', title: 'Actualizar mis datos', synonyms: ['datos', 'actualizar datos', 'datos basicos'], dialogId: DialogIds.updateBasicData, requiresLogin: true },
  { value: 'certificates', title: 'Certificados', synonyms: ['certificado', 'certificado de afiliacion'], dialogId: DialogIds.certificates, requiresLogin: true },
  { value: 'assignedIps', title: 'Mi IPS asignada', synonyms: ['ips', 'mi ips', 'donde me atienden'], dialogId: DialogIds.assignedIps, requiresLogin: true },
  { value: 'pqrds', title: 'PQRDS', synonyms: ['peticion', 'queja', 'reclamo', 'denuncia', 'sugerencia', 'pqr'], dialogId: DialogIds.pqrds, requiresLogin: false },
  { value: 'agent', title: 'Hablar con un asesor', synonyms: ['asesor', 'persona', 'humano', 'agente'], dialogId: DialogIds.askAgent, requiresLogin: false },
  // Last, so the numbers above stay as people learned them; where someone who cannot log in looks first.
  { value: 'recoverPassword', title: 'Olvidé mi contraseña', synonyms: ['olvide mi contrasena', 'olvide mi clave', 'recuperar contrasena', 'recuperar clave'], dialogId: DialogIds.recoverPassword, requiresLogin: false, hideWhenLoggedIn: true },
];

export function visibleMenu(loggedIn: boolean): MenuEntry[] {
  return MENU.filter((e) => (loggedIn ? !e.hideWhenLoggedIn : !e.onlyWhenLoggedIn));
}

/** Understood at the menu by words ("olvidé mi contraseña") though not listed there. */
const RECOVER_PASSWORD: MenuEntry = {
  value: 'recoverPassword',
  title: 'Recuperar mi contraseña',
  synonyms: ['olvide mi contrasena', 'olvide mi clave', 'recuperar contrasena'],
  dialogId: DialogIds.recoverPassword,
  requiresLogin: false,
};

/**
 * Entries the menu understands without listing them: password recovery always; "cambiar mi contraseña"
 * before logging in too (it logs in first). Registration and login stay out once logged in.
 */
export function hiddenMenu(loggedIn: boolean): MenuEntry[] {
  const notShown = loggedIn ? [] : MENU.filter((e) => e.value === 'changePassword');
  return [RECOVER_PASSWORD, ...notShown];
}

