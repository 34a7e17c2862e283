// The free-text prompts the identity dialogs share, each with its own reason for a wrong answer.
import { checkMobile } from '../../src/domain/phone';
import { parseSpanishDate } from '../../src/domain/spanishDate';
import type { Clock } from '../../src/domain/clock';
import type { IsoDate } from '../../src/domain/model';
import { identity } from '../messages/identity';
import { FieldPrompt } from './fieldPrompt';

/** Passwords are never cut (a cut passphrase is a weaker one; src/domain/passwordPolicy.ts); 128 only guards against pasted novels. */
export const MAX_PASSWORD_LENGTH = 128;

export function mobilePrompt(id: string): FieldPrompt<string> {
  return new FieldPrompt<string>(id, (text) => {
    const check = checkMobile(text);
    return check.ok ? { ok: true, value: check.mobile } : { ok: false, reason: identity.mobileProblem(check.reason) };
  });
}

export function issueDatePrompt(id: string, clock: Clock): FieldPrompt<IsoDate> {
  return new FieldPrompt<IsoDate>(id, (text) => {
    const parsed = parseSpanishDate(text, { now: clock.now() });
    return parsed.ok ? { ok: true, value: parsed.date } : { ok: false, reason: identity.dateProblem(parsed.reason) };
  });
}

/** A secret answer: the turn is marked sensitive as soon as it is read. Whitespace is part of a password. */
export function passwordPrompt(id: string): FieldPrompt<string> {
  return new FieldPrompt<string>(
    id,
    (text) => {
      if (text.trim() === '') return { ok: false, reason: identity.passwordEmpty };
      if ([...text].length > MAX_PASSWORD_LENGTH) return { ok: false, reason: identity.passwordTooLong };
      return { ok: true, value: text };
    },
    true,
  );
}

export { isForgotPasswordPhrase } from './forgotPasswordPhrase';
