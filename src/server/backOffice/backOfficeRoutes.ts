// /backoffice: the autorizadores' pages, on the agent console's sign-in (same cookie, server-side session,
// CSRF token on every change, origin check) and its own JSON API under /api/backoffice. Decisions go
// through the same services as the integration API, so both are checked, audited and notified alike.
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../config';
import type { DecisionActor } from '../../domain/backOffice/requestDecision';
import type { Clock } from '../../domain/clock';
import { BACK_OFFICE_ROLES, type Agent } from '../../domain/handoffAgent';
import { maskKeepingEnds } from '../../domain/masking';
import type { AuthorizationRequestStatus, PqrdsStatus } from '../../domain/model';
import { AFFILIATE_STATUS_LABELS } from '../../domain/model';
import { noStore, requireAgent, sendFailure } from '../agentConsole/agentHttp';
import type { Logger } from '../../observability/logger';
import { AFFILIATE_TYPE_LABELS, REGIME_LABELS } from '../../pdf/certificateData';
import type { BackOfficeServices } from '../../composition/backOffice';
import type { SupportFileStore } from '../../services/authorizationRequests/supportFileStore';
import { rejectionReasons } from '../../services/backOffice/rejectionReasons';
import type { AgentAuthService } from '../../services/agentAuthService';
import type { IpsRepository, ServiceCatalogueRepository } from '../../services/ports/repositories';
import { pqrdsJson, sendSupportFile } from '../backOfficeJson';
import { HttpError } from '../httpErrors';
import { decisionBody, fullRequestJson, toDecisionInput } from '../integrationApi/backOfficeEndpoints';
import { readJsonObject } from '../jsonBody';
import { registerStaffPage } from '../staffPage';
import { DecisionValidationError } from '../../services/backOffice/requestDecisionService';

const STATUSES = ['radicada', 'en_revision', 'pendiente_soportes', 'aprobada', 'rechazada', 'anulada'] as const;
const PQRDS_STATUSES = ['radicada', 'en_tramite', 'respondida', 'cerrada'] as const;

export interface BackOfficeRoutesDeps {
  auth: AgentAuthService;
  services: BackOfficeServices;
  supportFiles: SupportFileStore;
  catalogue: Pick<ServiceCatalogueRepository, 'list'>;
  ips: Pick<IpsRepository, 'listByMunicipality'>;
  logger: Logger;
  clock: Clock;
  publicUrl: string;
}

const MESSAGES: Record<string, [number, string]> = {
  request_already_decided: [409, 'Esta solicitud ya tiene otra decisión; no se puede cambiar.'],
  invalid_transition: [409, 'Esa decisión no aplica al estado actual de la solicitud.'],
  pqrds_closed: [409, 'Esta PQRDS ya está cerrada.'],
  pqrds_changed: [409, 'La PQRDS cambió mientras tanto. Actualiza la lista.'],
};

function actorOf(agent: Agent): DecisionActor {
  return { kind: 'agent', id: agent.id, name: agent.name };
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

export function registerBackOfficeRoutes(server: Server, deps: BackOfficeRoutesDeps): void {
  const guard = { auth: deps.auth, publicUrl: deps.publicUrl, roles: BACK_OFFICE_ROLES };
  const { services } = deps;
  const url = (code: string) => services.decisions.verificationUrl(code);
  const root = path.join(PROJECT_ROOT, 'src', 'web', 'backoffice');
  const route = (name: string, handler: (req: Request, res: Response, agent: Agent) => Promise<void>) => async (req: Request, res: Response) => {
    noStore(res);
    try {
      const { agent } = await requireAgent(req, guard);
      await handler(req, res, agent);
    } catch (error) {
      if (error instanceof DecisionValidationError) return sendFailure(res, new HttpError(422, 'validation_failed', `Revisa el campo ${error.field}.`), deps.logger, name);
      const known = error instanceof Error && 'code' in error ? MESSAGES[String((error as { code: unknown }).code)] : undefined;
      if (known) return sendFailure(res, new HttpError(known[0], String((error as { code: unknown }).code), known[1]), deps.logger, name);
      sendFailure(res, error, deps.logger, name);
    }
  };
  const param = (req: Request, name: string) => String((req.params as Record<string, unknown>)[name] ?? '').slice(0, 64).toUpperCase();

  registerStaffPage(server, { basePath: '/backoffice', root, routeName: 'backoffice.page', logger: deps.logger });

  server.get(
    '/api/backoffice/reference',
    route('reference', async (_req, res) => {
      res.send(200, { services: await deps.catalogue.list(), reasons: rejectionReasons() });
    }),
  );

  server.get(
    '/api/backoffice/requests',
    route('requests.list', async (req, res) => {
      const q = queryOf(req);
      const status = q.get('status');
      const statuses = status && (STATUSES as readonly string[]).includes(status) ? [status as AuthorizationRequestStatus] : undefined;
      const municipality = q.get('municipality') ?? '';
      const minAge = Number(q.get('minAgeDays') ?? '0');
      const items = await services.queue.queue({
        statuses,
        municipalityCode: /^\d{5}$/.test(municipality) ? municipality : undefined,
        minAgeDays: Number.isInteger(minAge) && minAge > 0 && minAge < 3650 ? minAge : undefined,
        limit: 200,
      });
      res.send(
        200,
        items.map((i) => ({
          filingNumber: i.request.filingNumber,
          status: i.request.status,
          filedAt: i.request.createdAt.toISOString(),
          dueDate: i.request.dueDate,
          overdue: i.overdue,
          ageDays: i.ageDays,
          municipalityCode: i.request.municipalityCode,
          affiliate: i.affiliate.fullName,
        })),
      );
    }),
  );

  server.get(
    '/api/backoffice/requests/:filingNumber',
    route('requests.detail', async (req, res, agent) => {
      const detail = await services.queue.detail(param(req, 'filingNumber'), actorOf(agent));
      const a = detail.affiliate;
      const ipsOptions = await deps.ips.listByMunicipality(detail.request.municipalityCode);
      res.send(200, {
        ipsOptions: ipsOptions.map((i) => ({ code: i.code, name: `${i.name} · ${i.address}` })),
        ...fullRequestJson(detail, url),
        overdue: detail.overdue,
        decisions: detail.decisions.map((d) => ({ decision: d.kind, decidedAt: d.decidedAt.toISOString(), decidedBy: d.actor.name, reason: d.reasonCode, detail: d.detail, message: d.message })),
        context: {
          status: AFFILIATE_STATUS_LABELS[a.status],
          regime: REGIME_LABELS[a.regime],
          affiliateType: AFFILIATE_TYPE_LABELS[a.affiliateType],
          birthDate: a.birthDate,
          mobile: a.mobile ? maskKeepingEnds(a.mobile, 0, 4) : undefined,
          ips: detail.ips ? `${detail.ips.name} (${detail.ips.code})` : undefined,
        },
      });
    }),
  );

  server.get(
    '/api/backoffice/requests/:filingNumber/supports/:id',
    route('requests.support', async (req, res, agent) => {
      const support = await services.queue.openSupport(param(req, 'filingNumber'), String((req.params as { id?: string }).id ?? '').slice(0, 64), actorOf(agent));
      await sendSupportFile(res, deps.supportFiles.pathOf(support.storedName), support.originalName);
    }),
  );

  server.post(
    '/api/backoffice/requests/:filingNumber/decision',
    route('requests.decide', async (req, res, agent) => {
      const parsed = decisionBody.safeParse(await readJsonObject(req, { maxBytes: 16 * 1024 }));
      if (!parsed.success) throw new HttpError(422, 'validation_failed', `Revisa el campo ${parsed.error.issues[0]?.path.join('.') || 'decision'}.`);
      const outcome = await services.decisions.decide(actorOf(agent), param(req, 'filingNumber'), toDecisionInput(parsed.data));
      res.send(200, { status: outcome.request.status, authorizationNumber: outcome.authorization?.number, replayed: outcome.replayed });
    }),
  );

  server.get(
    '/api/backoffice/pqrds',
    route('pqrds.list', async (req, res) => {
      const status = queryOf(req).get('status');
      const statuses = status && (PQRDS_STATUSES as readonly string[]).includes(status) ? [status as PqrdsStatus] : undefined;
      const now = deps.clock.now().getTime();
      res.send(200, (await services.pqrds.queue({ statuses, limit: 200 })).map((p) => ({ ...pqrdsJson(p), overdue: p.status !== 'cerrada' && p.status !== 'respondida' && p.dueAt.getTime() < now })));
    }),
  );

  server.post(
    '/api/backoffice/pqrds/:code/answer',
    route('pqrds.answer', async (req, res, agent) => {
      const body = z.object({ answer: z.string().max(4000).optional(), close: z.boolean().optional() }).safeParse(await readJsonObject(req, { maxBytes: 16 * 1024 }));
      if (!body.success) throw new HttpError(422, 'validation_failed', 'Revisa la respuesta (hasta 4000 caracteres).');
      res.send(200, pqrdsJson(await services.pqrds.answer(actorOf(agent), param(req, 'code'), body.data)));
    }),
  );
}
