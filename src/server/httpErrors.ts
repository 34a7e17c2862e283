// One error shape for every JSON endpoint: `{error: {code, message}}` with a fitting status. Route code
// throws HttpError for expected refusals; anything else becomes a logged 500 without details.
import type { Request, RequestHandler, Response } from 'restify';
import { Logger } from '../observability/logger';

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    /** Extra response headers, e.g. Connection: close after an oversized upload. */
    public readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Writes a JSON error unless a response already went out (then there is nothing left to tell). */
export function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Cache-Control', 'no-store');
  res.send(status, errorBody(code, message));
}

/**
 * Wraps an async route so that HttpError becomes its JSON answer and any other failure a 500 that
 * never leaks internals; restify ≥ 9 wants `async (req, res)` handlers, which this returns.
 */
export function jsonRoute(logger: Logger, route: string, handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof HttpError) {
        sendError(res, error.status, error.code, error.message, error.headers);
        return;
      }
      logger.error('http.unexpected_error', { route, error: error as Error });
      sendError(res, 500, 'internal_error', 'Ocurrió un error inesperado. Intenta de nuevo en un momento.');
    }
  };
}
