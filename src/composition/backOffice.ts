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
import type { AgentAuthService } from '../services/agentAuthService';
import { registerAuthorizationVerificationRoutes } from '../server/routes/authorizationVerificationRoutes';
import { AuthorizationDocumentService } from '../services/backOffice/authorizationDocumentService';
import { PqrdsAnswerService } from '../services/backOffice/pqrdsAnswerService';
import { RequestLookupService } from '../services/backOffice/requestLookupService';
import { RequestDecisionService } from '../services/backOffice/requestDecisionService';
import { RequestQueueService } from '../services/backOffice/requestQueueService';
import { SupportsReplyService } from '../services/backOffice/supportsReplyService';
import type { AffiliateNoticeStore, BackOfficeAuditRepository } from '../services/ports/backOffice';
import type { MessageDriver } from '../services/ports/notifications';
import type { SharedFamilyServices } from './authorizationRequests';
import { AppInfrastructure, Wiring, wiring } from './context';

export interface BackOfficeWiring extends Wiring {
  services: BackOfficeServices;
  documents: AuthorizationDocumentService;
  /** Delivers 'chat' outbox messages; the outbox worker (identity's wiring) takes it. */
  chatDriver: MessageDriver;
  /** "Tienes novedades": goes after the handoff relay, so it never speaks while an agent holds the conversation. */
  noticesMiddleware: Middleware;
}

export function wireBackOffice(infra: AppInfrastructure, family: SharedFamilyServices, api: IntegrationApi, auth: AgentAuthService): BackOfficeWiring {
  const { repositories: r, clock, config } = infra;
  const logger = infra.logger.child({ area: 'backoffice' });
  const services = createBackOfficeServices(infra, family);
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
  const session = infra.accessors.session;
  declareBackOfficeApi(api, services, family.supportFiles);
  return {
    ...wiring({
      dialogs: [
        new RequestLookupDialog(session, new RequestLookupService({ nucleus: family.familyNucleus, requests: r.authorizationRequests, authorizations: r.authorizations })),
        new AuthorizationDownloadDialog(session, documents),
        new SendSupportsDialog({ session, service: services.supportsReply, supportIntake: family.supportIntake, staged: infra.stagedFiles }),
      ],
      routes: [
        (server) =>
          registerBackOfficeRoutes(server, { auth, services, supportFiles: family.supportFiles, catalogue: r.serviceCatalogue, ips: r.ips, logger, clock, publicUrl: config.publicUrl }),
        (server) => registerAuthorizationVerificationRoutes(server, { documents, logger, issuerName: config.eps.name }),
      ],
    }),
    services,
    documents,
    chatDriver: new ConversationNoticeDriver({
      references: r.conversationReferences,
      registry: infra.registry,
      notices: services.notices,
      documents,
      templates: config.whatsappTemplates,
      clock,
      logger,
    }),
    noticesMiddleware: new PendingNoticesMiddleware({ session, notices: services.notices, clock, logger }),
  };
}

export interface BackOfficeServices {
  decisions: RequestDecisionService;
  queue: RequestQueueService;
  pqrds: PqrdsAnswerService;
  supportsReply: SupportsReplyService;
  notices: AffiliateNoticeStore;
  audit: BackOfficeAuditRepository;
}

export function createBackOfficeServices(infra: Pick<AppInfrastructure, 'repositories' | 'clock' | 'config' | 'logger' | 'stagedFiles'>, family: SharedFamilyServices): BackOfficeServices {
  const { repositories: r, clock, config } = infra;
  const logger = infra.logger.child({ area: 'backoffice' });
  const store = r.decisions;
  const audit = r.backOfficeAudit;
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
    pqrds: new PqrdsAnswerService({ store: r.pqrdsQueue, affiliates: r.affiliates, accounts: r.accounts, clock, logger }),
    supportsReply: new SupportsReplyService({
      nucleus: family.familyNucleus,
      requests: r.authorizationRequests,
      store,
      staged: infra.stagedFiles,
      supportFiles: family.supportFiles,
      checkSupport: family.checkSupport,
      clock,
      logger,
    }),
    notices: r.affiliateNotices,
    audit,
  };
}
