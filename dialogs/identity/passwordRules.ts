// The password policy's verdict (src/domain/passwordPolicy.ts) as one reason the person can act on.
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem } from '../../src/domain/passwordPolicy';
import { identity } from '../messages/identity';

const MESSAGES: Record<PasswordProblem, string> = {
  too_short: identity.passwordTooShort(PASSWORD_MIN_LENGTH),
  too_long: identity.passwordTooLongForPolicy(PASSWORD_MAX_LENGTH),
  common: identity.passwordCommon,
  repeated_character: identity.passwordCommon,
  contains_document: identity.passwordHasDocument,
};

/** undefined when the password may be used. */
export function newPasswordProblem(password: string, documentNumber: string | undefined): string | undefined {
  const check = checkPassword(password, { documentNumber });
  return check.ok ? undefined : MESSAGES[check.reasons[0]];
}
