// The integration API's refusals: `{error: {code, message, field?}}`. `field` names the offending input on 422.
import type { ZodError } from 'zod';
import { HttpError } from '../httpErrors';

export class ApiError extends HttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    public readonly field?: string,
    headers: Record<string, string> = {},
  ) {
    super(status, code, message, headers);
  }
}

export function apiErrorBody(code: string, message: string, field?: string): { error: { code: string; message: string; field?: string } } {
  return { error: field ? { code, message, field } : { code, message } };
}

/** A 422 naming the first invalid field (`authorization.validUntil`, `documentNumber`). */
export function validationError(error: ZodError, prefix?: string): ApiError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== undefined && p !== '').join('.');
  const field = path || undefined;
  const detail = issue?.message ?? 'valor no válido';
  return new ApiError(422, 'validation_failed', field ? `El campo ${field} no es válido: ${detail}` : `La solicitud no es válida: ${detail}`, field);
}
