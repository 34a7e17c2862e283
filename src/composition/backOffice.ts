// The back office: autorizadores decide requests and answer PQRDS (pages under /backoffice, the same
// sign-in as the agent console), the affiliate is told on SMS, e-mail and the chat channel last used, and
// issued authorizations are PDFs verifiable at /autorizaciones/{code}.
import { PqrdsAnswerService } from '../services/backOffice/pqrdsAnswerService';
import { RequestDecisionService } from '../services/backOffice/requestDecisionService';
import { RequestQueueService } from '../services/backOffice/requestQueueService';
import { SupportsReplyService } from '../services/backOffice/supportsReplyService';
import type { AffiliateNoticeStore, BackOfficeAuditRepository } from '../services/ports/backOffice';
import type { SharedFamilyServices } from './authorizationRequests';
import type { AppInfrastructure } from './context';

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
