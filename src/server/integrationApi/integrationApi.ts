// Declares `/api/v1/...` routes for the EPS's own systems, each with the same gates in the same order:
// bearer key (401) → per-key rate limit (429) → scope (403) → bounded body (413/415) → zod validation of
// params, query and body (422 naming the field) → Idempotency-Key on POST/PUT → the handler. Errors are
// `{error: {code, message, field?}}`. See README "Integration API".
import { createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import type { ApiScope } from '../../domain/apiScopes';
import type { Clock } from '../../domain/clock';
import { KeyedRateLimiter, type RateLimit } from '../../domain/rateLimit';
import type { Logger } from '../../observability/logger';
import type { ApiKeyService, AuthenticatedKey } from '../../services/integrationApi/apiKeyService';
import type { IdempotencyRepository } from '../../services/integrationApi/ports';
import { HttpError } from '../httpErrors';
import { DEFAULT_JSON_LIMIT, readRawBody } from '../jsonBody';
import { ApiError, apiErrorBody, validationError } from './apiErrors';

export const API_PREFIX = '/api/v1';

type Method = 'get' | 'post' | 'put' | 'del';

export interface ApiCall<B, Q, P> {
  req: Request;
  res: Response;
  key: AuthenticatedKey;
  params: P;
  query: Q;
  body: B;
  /** The raw body bytes, for endpoints that read their own format (NDJSON). */
  rawBody: Buffer;
}

/** What a handler answers; `undefined` means the handler wrote the response itself (a file download). */
export type ApiResult = { status: number; body: unknown } | undefined;

export interface ApiRouteSpec<B, Q, P> {
  method: Method;
  /** Below /api/v1, restify syntax: '/affiliates/:documentType/:documentNumber'. */
  path: string;
  scope: ApiScope;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** A JSON body checked with this schema. Leave out for no body or for `body: 'raw'`. */
  body?: z.ZodType<B> | 'raw';
  /** Accepted Content-Types when `body: 'raw'` (lower case, without parameters). */
  rawContentTypes?: string[];
  /** Body budget in bytes (default 64 KB). */
  maxBodyBytes?: number;
  handler(call: ApiCall<B, Q, P>): Promise<ApiResult>;
}

export interface IntegrationApiDeps {
  keys: ApiKeyService;
  idempotency: IdempotencyRepository;
  clock: Clock;
  logger: Logger;
  /** Per key, in memory (keys are few and known; a restart only forgives a burst; each instance holds its own). */
  rateLimit?: RateLimit;
}

const DEFAULT_API_RATE_LIMIT: RateLimit = { burst: 200, perMinute: 3000 };

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function sendJson(res: Response, status: number, json: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(json);
}

function bearer(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}

/** No global query parser runs (routes read their own input): the last value of a repeated name wins. */
function queryObject(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
}

function contentType(req: Request): string {
  return (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export class IntegrationApi {
  private readonly limiter: KeyedRateLimiter;
  private readonly registrations: Array<(server: Server) => void> = [];

  constructor(private readonly deps: IntegrationApiDeps) {
    this.limiter = new KeyedRateLimiter(deps.rateLimit ?? DEFAULT_API_RATE_LIMIT);
  }

  /** Declares a route; it is served once `register(server)` runs (the composition root does that). */
  route<B = undefined, Q = Record<string, never>, P = Record<string, string>>(spec: ApiRouteSpec<B, Q, P>): void {
    const path = `${API_PREFIX}${spec.path}`;
    const handler = async (req: Request, res: Response) => {
      try {
        await this.serve(spec, req, res);
      } catch (error) {
        if (error instanceof HttpError) {
          sendJson(res, error.status, JSON.stringify(apiErrorBody(error.code, error.message, (error as ApiError).field)), error.headers);
          return;
        }
        this.deps.logger.error('api.unexpected_error', { route: spec.path, error: error as Error });
        sendJson(res, 500, JSON.stringify(apiErrorBody('internal_error', 'Ocurrió un error inesperado. Intenta de nuevo en un momento.')));
      }
    };
    this.registrations.push((server) => server[spec.method](path, handler));
  }

  /** Adds every declared route to the server. */
  register(server: Server): void {
    for (const add of this.registrations) add(server);
  }

  private async serve<B, Q, P>(spec: ApiRouteSpec<B, Q, P>, req: Request, res: Response): Promise<void> {
    const key = await this.authenticate(req);
    const decision = this.limiter.take(key.id, this.deps.clock.now());
    if (!decision.allowed) {
      const wait = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new ApiError(429, 'rate_limited', `Demasiadas solicitudes con esta llave. Intenta de nuevo en ${wait} s.`, undefined, {
        'Retry-After': String(wait),
      });
    }
    if (!key.scopes.includes(spec.scope)) {
      throw new ApiError(403, 'insufficient_scope', `Esta llave no tiene el permiso ${spec.scope}.`);
    }

    const hasBody = spec.body !== undefined;
    const rawBody = hasBody ? await this.readBody(spec, req) : Buffer.alloc(0);
    const params = this.parse(spec.params, req.params ?? {}, undefined);
    const query = this.parse(spec.query, queryObject(req), undefined);
    const body = spec.body && spec.body !== 'raw' ? this.parse(spec.body, this.parseJson(rawBody), undefined) : (undefined as B);
    const call: ApiCall<B, Q, P> = { req, res, key, params: params as P, query: query as Q, body: body as B, rawBody };

    const idempotencyKey = req.header('idempotency-key');
    if (idempotencyKey === undefined || (spec.method !== 'post' && spec.method !== 'put')) {
      const result = await spec.handler(call);
      if (result) sendJson(res, result.status, JSON.stringify(result.body));
      return;
    }
    await this.serveIdempotent(spec, call, idempotencyKey);
  }

  /**
   * Same key and same request → the stored answer again (with `Idempotent-Replayed: true`). Same key with a
   * different method, path or body → 422 `idempotency_key_reused`; while the first is still running → 409.
   * Refusals before the handler ran (401, 403, 422 validation) are not stored, so a corrected request may
   * reuse its key. Unexpected failures free the key for a retry.
   */
  private async serveIdempotent<B, Q, P>(spec: ApiRouteSpec<B, Q, P>, call: ApiCall<B, Q, P>, idempotencyKey: string): Promise<void> {
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiError(422, 'validation_failed', 'Idempotency-Key debe tener de 1 a 255 caracteres visibles (ASCII).', 'Idempotency-Key');
    }
    const { idempotency, clock } = this.deps;
    const fingerprint = createHash('sha256')
      .update(`${spec.method} ${call.req.url ?? ''}\n`)
      .update(call.rawBody)
      .digest('hex');
    const claim = await idempotency.claim(call.key.id, idempotencyKey, fingerprint, clock.now());
    if (claim.kind === 'replay') {
      sendJson(call.res, claim.answer.statusCode, claim.answer.body, { 'Idempotent-Replayed': 'true' });
      return;
    }
    if (claim.kind === 'mismatch') {
      throw new ApiError(422, 'idempotency_key_reused', 'Esa Idempotency-Key ya se usó con otra solicitud; usa una llave nueva.', 'Idempotency-Key');
    }
    if (claim.kind === 'in_progress') {
      throw new ApiError(409, 'idempotency_key_in_progress', 'Una solicitud con esa Idempotency-Key aún se está procesando; reintenta en un momento.', undefined, {
        'Retry-After': '1',
      });
    }
    let answer: { statusCode: number; body: string };
    try {
      const result = await spec.handler(call);
      answer = result ? { statusCode: result.status, body: JSON.stringify(result.body) } : { statusCode: 204, body: '' };
    } catch (error) {
      if (error instanceof HttpError && error.status < 500) {
        answer = { statusCode: error.status, body: JSON.stringify(apiErrorBody(error.code, error.message, (error as ApiError).field)) };
      } else {
        await idempotency.release(call.key.id, idempotencyKey);
        throw error;
      }
    }
    await idempotency.complete(call.key.id, idempotencyKey, answer, clock.now());
    sendJson(call.res, answer.statusCode, answer.body);
  }

  private async authenticate(req: Request): Promise<AuthenticatedKey> {
    const presented = bearer(req);
    const key = presented ? await this.deps.keys.authenticate(presented) : undefined;
    if (!key) {
      throw new ApiError(401, 'unauthorized', 'Falta la llave de la API o no es válida (Authorization: Bearer <llave>).', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    return key;
  }

  private async readBody<B, Q, P>(spec: ApiRouteSpec<B, Q, P>, req: Request): Promise<Buffer> {
    const accepted = spec.body === 'raw' ? (spec.rawContentTypes ?? []) : ['application/json'];
    if (!accepted.includes(contentType(req))) {
      throw new ApiError(415, 'unsupported_media_type', `El cuerpo debe ser ${accepted.join(' o ')}.`);
    }
    return readRawBody(req, spec.maxBodyBytes ?? DEFAULT_JSON_LIMIT);
  }

  private parseJson(raw: Buffer): unknown {
    try {
      return JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      throw new ApiError(400, 'malformed_json', 'El cuerpo no es JSON válido.');
    }
  }

  private parse<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string | undefined): T {
    if (!schema) return value as T;
    const result = schema.safeParse(value);
    if (!result.success) throw validationError(result.error, prefix);
    return result.data;
  }
}
