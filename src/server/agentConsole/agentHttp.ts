// The agent sign-in's HTTP plumbing, shared by the console and the back office (same cookie, same session):
// the session cookie, the sign-in guard with its CSRF and origin checks for state-changing calls, and one
// mapping from domain errors to `{error: {code, message}}` answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'restify';
import { DomainError } from '../../domain/errors';
import type { AgentRole } from '../../domain/handoffAgent';
import { Logger } from '../../observability/logger';
import { readCookie } from '../cookies';
import { HttpError, sendError } from '../httpErrors';
import { AgentAuthService, AgentSignedIn } from '../../services/agentAuthService';

export const SESSION_COOKIE = 'ov_agent';

/** Secure when the console is served over https (PUBLIC_URL), so the cookie never travels in clear. */
export function sessionCookie(token: string, publicUrl: string, maxAgeSeconds: number): string {
  const secure = publicUrl.startsWith('https://') ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearedSessionCookie(publicUrl: string): string {
  return sessionCookie('', publicUrl, 0);
}


const STATUS_OF_CODE: Record<string, [number, string]> = {
  not_found: [404, 'No encontramos esa conversación o ese recurso.'],
  forbidden: [403, 'Esta conversación la atiende otro asesor. Solo un supervisor puede transferirla.'],
  handoff_taken: [409, 'Otro asesor ya tomó esta conversación.'],
  handoff_changed: [409, 'La conversación cambió mientras tanto. Actualiza la lista.'],
  handoff_not_taken: [409, 'Primero toma la conversación.'],
  handoff_closed: [409, 'Esta conversación ya terminó.'],
  handoff_invalid_transition: [409, 'Esa acción no aplica al estado actual de la conversación.'],
  channel_unavailable: [503, 'El canal del usuario no está disponible en este momento. Intenta de nuevo.'],
  // WhatsApp Cloud API (src/integrations/whatsappCloud/graphErrors.ts): codes, never Meta's text.
  whatsapp_window_closed: [
    409,
    'Pasaron más de 24 horas desde el último mensaje del usuario en WhatsApp: no se le puede escribir hasta que vuelva a escribir.',
  ],
  whatsapp_api_error: [502, 'WhatsApp rechazó el mensaje. Intenta de nuevo en un momento.'],
  whatsapp_api_timeout: [504, 'WhatsApp no respondió a tiempo. Intenta de nuevo.'],
};

/** Domain errors become their HTTP answer; anything else is logged and answered 500 without details. */
export function sendFailure(res: Response, error: unknown, logger: Logger, route: string): void {
  if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message, error.headers);
  if (error instanceof DomainError && STATUS_OF_CODE[error.code]) {
    const [status, message] = STATUS_OF_CODE[error.code];
    return sendError(res, status, error.code, message);
  }
  logger.error('agent_api_error', { route, error: error as Error });
  sendError(res, 500, 'internal_error', 'Ocurrió un error inesperado. Intenta de nuevo.');
}

export interface GuardOptions {
  auth: AgentAuthService;
  publicUrl: string;
  /** Roles allowed through this guard (default: every role). */
  roles?: readonly AgentRole[];
}

/**
 * The signed-in agent of the request. State-changing methods also need the session's CSRF token in
 * X-CSRF-Token and, when the browser sends one, an Origin equal to the console's own.
 */
export async function requireAgent(req: Request, options: GuardOptions): Promise<AgentSignedIn> {
  const signedIn = await options.auth.authenticate(readCookie(req, SESSION_COOKIE));
  if (!signedIn) throw new HttpError(401, 'not_signed_in', 'Tu sesión terminó. Inicia sesión de nuevo.');
  if (options.roles && !options.roles.includes(signedIn.agent.role)) {
    throw new HttpError(403, 'role_not_allowed', 'Tu usuario no tiene permiso para esta sección.');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    checkOrigin(req, options.publicUrl);
    const token = req.headers['x-csrf-token'];
    if (!options.auth.checkCsrf(signedIn.session, typeof token === 'string' ? token : undefined)) {
      throw new HttpError(403, 'csrf_token_invalid', 'Falta el token de seguridad de la sesión. Recarga la página.');
    }
  }
  return signedIn;
}

/** A cross-site form or script cannot pass: browsers always send Origin on such requests. */
export function checkOrigin(req: IncomingMessage, publicUrl: string): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const host = req.headers.host;
  const allowed = new Set([new URL(publicUrl).origin, ...(host ? [`http://${host}`, `https://${host}`] : [])]);
  if (!allowed.has(origin)) throw new HttpError(403, 'origin_not_allowed', 'Origen no permitido.');
}

export function noStore(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
}
