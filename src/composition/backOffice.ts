// The back office: autorizadores decide requests and answer PQRDS (pages under /backoffice, the same
// sign-in as the agent console), the affiliate is told on SMS, e-mail and the chat channel last used, and
// issued authorizations are PDFs verifiable at /autorizaciones/{code}.
import { PqrdsAnswerService } from '../services/backOffice/pqrdsAnswerService';
import { RequestDecisionService } from '../services/backOffice/requestDecisionService';
import { RequestQueueService } from '../services/backOffice/requestQueueService';
import { SupportsReplyService } from '../services/backOffice/supportsReplyService';
import { KnexAffiliateNoticeStore } from '../storage/repositories/knexAffiliateNoticeStore';
import { KnexBackOfficeAuditRepository } from '../storage/repositories/knexBackOfficeAuditRepository';
import { KnexDecisionStore } from '../storage/repositories/knexDecisionStore';
import { KnexPqrdsQueueStore } from '../storage/repositories/knexPqrdsQueueStore';
import type { SharedFamilyServices } from './authorizationRequests';
import type { AppContext } from './context';

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
