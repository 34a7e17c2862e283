// The back office: autorizadores decide requests and answer PQRDS (pages under /backoffice, the same
// sign-in as the agent console), the affiliate is told on SMS, e-mail and the chat channel last used, and
// issued authorizations are PDFs verifiable at /autorizaciones/{code}.
import type { Middleware } from 'botbuilder';
import { AuthorizationDownloadDialog } from '../../dialogs/backOffice/authorizationDownloadDialog';
import { RequestLookupDialog } from '../../dialogs/backOffice/requestLookupDialog';
import { SendSupportsDialog } from '../../dialogs/backOffice/sendSupportsDialog';
import { PendingNoticesMiddleware } from '../bot/pendingNoticesMiddleware';
import { ConversationNoticeDriver } from '../channels/notices/conversationNoticeDriver';
import { registerBackOfficeRoutes } from '../server/backOffice/backOfficeRoutes';
import { declareBackOfficeApi } from '../server/integrationApi/backOfficeEndpoints';
import type { IntegrationApi } from '../server/integrationApi/integrationApi';
import type { AgentAuthService } from '../services/handoffAgentAuthService';
import { registerAuthorizationVerificationRoutes } from '../server/routes/authorizationVerificationRoutes';
import { AuthorizationDocumentService } from '../services/backOffice/authorizationDocumentService';
import { PqrdsAnswerService } from '../services/backOffice/pqrdsAnswerService';
import { RequestLookupService } from '../services/backOffice/requestLookupService';
import { RequestDecisionService } from '../services/backOffice/requestDecisionService';
import { RequestQueueService } from '../services/backOffice/requestQueueService';
import { SupportsReplyService } from '../services/backOffice/supportsReplyService';
import { KnexAffiliateNoticeStore } from '../storage/repositories/knexAffiliateNoticeStore';
import { KnexBackOfficeAuditRepository } from '../storage/repositories/knexBackOfficeAuditRepository';
import { KnexDecisionStore } from '../storage/repositories/knexDecisionStore';
import { KnexPqrdsQueueStore } from '../storage/repositories/knexPqrdsQueueStore';
import type { SharedFamilyServices } from './authorizationRequests';
import type { AppContext } from './context';

export interface BackOfficeWiring {
  services: BackOfficeServices;
  documents: AuthorizationDocumentService;
  /** "Tienes novedades": added after the handoff relay, so it never speaks during a conversation with an agent. */
  noticesMiddleware: Middleware;
}

export function wireBackOffice(ctx: AppContext, family: SharedFamilyServices, api: IntegrationApi, auth: AgentAuthService): BackOfficeWiring {
  const { repositories: r, clock, config } = ctx;
  const logger = ctx.logger.child({ area: 'backoffice' });
  const services = createBackOfficeServices(ctx, family);
  const documents = new AuthorizationDocumentService({
    authorizations: r.authorizations,
    requests: r.authorizationRequests,
    affiliates: r.affiliates,
    ips: r.ips,
    places: r.places,
    nucleus: family.familyNucleus,
    issuer: config.eps,
    publicUrl: config.publicUrl,
  });
  const session = ctx.accessors.session;
  ctx.features.push(
    new RequestLookupDialog(session, new RequestLookupService({ nucleus: family.familyNucleus, requests: r.authorizationRequests, authorizations: r.authorizations })),
    new AuthorizationDownloadDialog(session, documents),
    new SendSupportsDialog({ session, service: services.supportsReply, checkSupport: family.checkSupport, staged: ctx.stagedFiles }),
  );
  ctx.outboxDrivers.push(
    new ConversationNoticeDriver({
      references: r.conversationReferences,
      registry: ctx.registry,
      notices: services.notices,
      documents,
      templates: config.whatsappTemplates,
      clock,
      logger,
    }),
  );
  declareBackOfficeApi(api, services, family.supportFiles);
  ctx.routes.push((server) =>
    registerBackOfficeRoutes(server, { auth, services, supportFiles: family.supportFiles, catalogue: r.serviceCatalogue, ips: r.ips, logger, clock, publicUrl: config.publicUrl }),
  );
  ctx.routes.push((server) => registerAuthorizationVerificationRoutes(server, { documents, logger, issuerName: config.eps.name }));
  return { services, documents, noticesMiddleware: new PendingNoticesMiddleware({ session, notices: services.notices, clock, logger }) };
}

export interface BackOfficeServices {
  decisions: RequestDecisionService;
  queue: RequestQueueService;
  pqrds: PqrdsAnswerService;
  supportsReply: SupportsReplyService;
  notices: KnexAffiliateNoticeStore;
  audit: KnexBackOfficeAuditRepository;
}

export function createBackOfficeServices(ctx: AppContext, family: SharedFamilyServices): BackOfficeServices {
  const { knex, repositories: r, clock, config } = ctx;
  const logger = ctx.logger.child({ area: 'backoffice' });
  const store = new KnexDecisionStore(knex);
  const audit = new KnexBackOfficeAuditRepository(knex);
  return {
    decisions: new RequestDecisionService({
      requests: r.authorizationRequests,
      authorizations: r.authorizations,
      affiliates: r.affiliates,
      accounts: r.accounts,
      catalogue: r.serviceCatalogue,
      ips: r.ips,
      store,
      clock,
      logger,
      publicUrl: config.publicUrl,
    }),
    queue: new RequestQueueService({ store, requests: r.authorizationRequests, affiliates: r.affiliates, authorizations: r.authorizations, ips: r.ips, audit, clock }),
    pqrds: new PqrdsAnswerService({ store: new KnexPqrdsQueueStore(knex), affiliates: r.affiliates, accounts: r.accounts, clock, logger }),
    supportsReply: new SupportsReplyService({
      nucleus: family.familyNucleus,
      requests: r.authorizationRequests,
      store,
      staged: ctx.stagedFiles,
      supportFiles: family.supportFiles,
      checkSupport: family.checkSupport,
      clock,
      logger,
    }),
    notices: new KnexAffiliateNoticeStore(knex),
    audit,
  };
}
