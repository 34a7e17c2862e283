// "olvidé mi contraseña" typed where a password goes: recognised as a request (recovery), never kept
// hidden as if it were the password.
import { normalize } from '../validators';

const FORGOT_PHRASES = new Set(
  ['olvide mi contrasena', 'olvide la contrasena', 'olvide mi clave', 'olvide la clave', 'recuperar contrasena', 'recuperar mi contrasena', 'no recuerdo mi contrasena', 'no me acuerdo de mi contrasena'].map(normalize),
);

/** "olvidé mi contraseña" typed where the password goes. Only whole phrases: a password may be one word. */
export function isForgotPasswordPhrase(text: string): boolean {
  return FORGOT_PHRASES.has(normalize(text));
}
