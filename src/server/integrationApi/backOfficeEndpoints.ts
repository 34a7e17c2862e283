// The integration API's requests and PQRDS endpoints: everything the back-office pages do, for the EPS's
// own systems. Decisions and answers go through the same services (same checks, audit and notices).
import { z } from 'zod';
import type { DecisionActor, DecisionInput } from '../../domain/backOffice/requestDecision';
import { DomainError } from '../../domain/errors';
import type { AuthorizationRequestStatus, PqrdsStatus } from '../../domain/model';
import type { BackOfficeServices } from '../../composition/backOffice';
import type { SupportFileStore } from '../../services/authorizationRequests/supportFileStore';
import { DecisionValidationError } from '../../services/backOffice/requestDecisionService';
import type { RequestDetail } from '../../services/backOffice/requestQueueService';
import type { AuthenticatedKey } from '../../services/integrationApi/apiKeyService';
import { decisionJson, pqrdsJson, requestJson, sendSupportFile } from '../backOfficeJson';
import { ApiError } from './apiErrors';
import type { IntegrationApi } from './integrationApi';
import { decodeCursor, pageQuery, toPage } from './pagination';

const REQUEST_STATUSES = ['radicada', 'en_revision', 'pendiente_soportes', 'aprobada', 'rechazada', 'anulada'] as const;
const PQRDS_STATUSES = ['radicada', 'en_tramite', 'respondida', 'cerrada'] as const;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'fecha AAAA-MM-DD');

const filingParams = z.object({ filingNumber: z.string().regex(/^AUT-\d{4}-\d{6}$/i, 'número de radicado AUT-AAAA-NNNNNN') });

export const decisionBody = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    authorization: z.object({
      number: z.string().trim().regex(/^[A-Za-z0-9-]{4,30}$/).optional(),
      serviceCode: z.string().trim().min(1).max(10),
      ipsCode: z.string().trim().min(1).max(20),
      quantity: z.number().int().min(1).max(999),
      validFrom: isoDate,
      validUntil: isoDate,
      copay: z.number().int().min(0).max(10_000_000),
    }),
  }),
  z.object({ decision: z.literal('reject'), reason: z.string().trim().min(1).max(40), detail: z.string().max(1000).optional() }),
  z.object({ decision: z.literal('request_supports'), message: z.string().trim().min(10).max(1000) }),
]);

export function toDecisionInput(body: z.infer<typeof decisionBody>): DecisionInput {
  if (body.decision !== 'approve') return body;
  const { copay, ...terms } = body.authorization;
  return { decision: 'approve', authorization: { ...terms, copayPesos: copay } };
}

const ERRORS: Record<string, [number, string]> = {
  not_found: [404, 'No existe ese radicado, código o soporte.'],
  request_already_decided: [409, 'La solicitud ya tiene otra decisión; no se puede cambiar.'],
  invalid_transition: [409, 'Esa decisión no aplica al estado actual de la solicitud.'],
  pqrds_closed: [409, 'La PQRDS ya está cerrada.'],
  pqrds_changed: [409, 'La PQRDS cambió mientras tanto; consúltala de nuevo.'],
};

/** Domain refusals in the API's shape; anything else propagates (500). */
export function apiErrorOf(error: unknown): never {
  if (error instanceof DecisionValidationError) throw new ApiError(422, 'validation_failed', `El campo ${error.field} no es válido: ${error.message}`, error.field);
  if (error instanceof DomainError && ERRORS[error.code]) {
    const [status, message] = ERRORS[error.code];
    throw new ApiError(status, error.code, message);
  }
  throw error;
}

function actorOf(key: AuthenticatedKey): DecisionActor {
  return { kind: 'api_key', id: key.id, name: `API: ${key.name}` };
}

export function fullRequestJson(d: RequestDetail, verificationUrl: (code: string) => string) {
  const [latest] = d.decisions;
  const decision = latest ? decisionJson(latest, latest.kind === 'approve' ? d.authorization : undefined, verificationUrl) : undefined;
  return requestJson({ request: d.request, affiliate: { ...d.affiliate, fullName: `${d.affiliate.firstNames} ${d.affiliate.lastNames}` } }, d.attachments, decision);
}

export function declareBackOfficeApi(api: IntegrationApi, services: BackOfficeServices, supportFiles: SupportFileStore): void {
  const url = (code: string) => services.decisions.verificationUrl(code);
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      return apiErrorOf(error);
    }
  };

  api.route({
    method: 'get',
    path: '/authorization-requests',
    scope: 'requests:read',
    query: pageQuery.extend({ status: z.enum(REQUEST_STATUSES).optional() }),
    handler: async ({ query }) => {
      const after = decodeCursor(query.cursor, z.object({ dueDate: z.string(), createdAt: z.string(), id: z.string() }));
      const statuses: readonly AuthorizationRequestStatus[] = query.status ? [query.status] : REQUEST_STATUSES;
      const rows = await services.queue.queue({ statuses, after, limit: query.limit + 1 });
      const details = await Promise.all(rows.map((row) => services.queue.detail(row.request.filingNumber)));
      return {
        status: 200,
        body: toPage(details, query.limit, (d) => fullRequestJson(d, url), (d) => ({ dueDate: d.request.dueDate, createdAt: d.request.createdAt.toISOString(), id: d.request.id })),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/authorization-requests/:filingNumber',
    scope: 'requests:read',
    params: filingParams,
    handler: ({ params }) => guard(async () => ({ status: 200, body: fullRequestJson(await services.queue.detail(params.filingNumber.toUpperCase()), url) })),
  });

  api.route({
    method: 'get',
    path: '/authorization-requests/:filingNumber/supports/:id',
    scope: 'requests:read',
    params: filingParams.extend({ id: z.string().min(1).max(64) }),
    handler: ({ params, key, res }) =>
      guard(async () => {
        const support = await services.queue.openSupport(params.filingNumber.toUpperCase(), params.id, actorOf(key));
        await sendSupportFile(res, supportFiles.pathOf(support.storedName), support.originalName);
        return undefined;
      }),
  });

  api.route({
    method: 'post',
    path: '/authorization-requests/:filingNumber/decision',
    scope: 'requests:decide',
    params: filingParams,
    body: decisionBody,
    handler: ({ params, body, key }) =>
      guard(async () => {
        const outcome = await services.decisions.decide(actorOf(key), params.filingNumber.toUpperCase(), toDecisionInput(body));
        const detail = await services.queue.detail(outcome.request.filingNumber);
        const json = fullRequestJson(detail, url);
        if (outcome.authorization) return { status: outcome.replayed ? 200 : 201, body: { authorization: json.decision?.authorization, request: json } };
        return { status: 200, body: { request: json } };
      }),
  });

  api.route({
    method: 'get',
    path: '/pqrds',
    scope: 'pqrds:read',
    query: pageQuery.extend({ status: z.enum(PQRDS_STATUSES).optional() }),
    handler: async ({ query }) => {
      const after = decodeCursor(query.cursor, z.object({ dueAt: z.string(), id: z.string() }));
      const statuses: readonly PqrdsStatus[] = query.status ? [query.status] : PQRDS_STATUSES;
      const rows = await services.pqrds.queue({ statuses, after, limit: query.limit + 1 });
      return { status: 200, body: toPage(rows, query.limit, pqrdsJson, (p) => ({ dueAt: p.dueAt.toISOString(), id: p.id })) };
    },
  });

  api.route({
    method: 'post',
    path: '/pqrds/:code/answer',
    scope: 'pqrds:answer',
    params: z.object({ code: z.string().regex(/^PQR-\d{4}-\d{6}$/i, 'código PQR-AAAA-NNNNNN') }),
    body: z.object({ answer: z.string().trim().min(1).max(4000).optional(), close: z.boolean().optional() }),
    handler: ({ params, body, key }) =>
      guard(async () => ({ status: 200, body: { pqrds: pqrdsJson(await services.pqrds.answer(actorOf(key), params.code.toUpperCase(), body)) } })),
  });
}
