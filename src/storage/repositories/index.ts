// Builds every repository on one Knex instance; the composition root calls this once and every area's
// wiring takes what it needs from the result (no area constructs a repository of its own).
import type { Knex } from 'knex';
import type { WhatsAppCloudStore } from '../../channels/whatsapp/cloudStore';
import type { AgentRepository, AgentSessionRepository, AuditRepository, HandoffRepository, HandoffTranscriptRepository } from '../../services/ports/handoff';
import type { ApiKeyRepository, IdempotencyRepository } from '../../services/integrationApi/ports';
import type { AffiliateNoticeStore, BackOfficeAuditRepository, DecisionStore, PqrdsQueueStore } from '../../services/ports/backOffice';
import type { AffiliateFeedStore, SessionStandingReader } from '../../services/affiliateFeed/ports';
import type { RateLimitEventRepository } from '../../services/ports/identity';
import type { WebhookEventSource } from '../../services/webhooks/webhookEventScanner';
import type { Repositories } from '../../services/ports/repositories';
import type { CertificateRepository, PqrdsAttachmentRepository, PqrdsLookupFailureLog } from '../../services/ports/selfService';
import { KnexAccountRepository } from './knexAccountRepository';
import { KnexAffiliateNoticeStore } from './knexAffiliateNoticeStore';
import { KnexBackOfficeAuditRepository } from './knexBackOfficeAuditRepository';
import { KnexDecisionStore } from './knexDecisionStore';
import { KnexPqrdsQueueStore } from './knexPqrdsQueueStore';
import { KnexAffiliateRepository } from './knexAffiliateRepository';
import { KnexApiKeyRepository } from './knexApiKeyRepository';
import { KnexAgentAuditRepository } from './knexAgentAuditRepository';
import { KnexAgentRepository } from './knexAgentRepository';
import { KnexAgentSessionRepository } from './knexAgentSessionRepository';
import { KnexAuthorizationRepository } from './knexAuthorizationRepository';
import { KnexAuthorizationRequestRepository } from './knexAuthorizationRequestRepository';
import { KnexCertificateRepository } from './knexCertificateRepository';
import { KnexConsentRepository } from './knexConsentRepository';
import { KnexConversationReferenceRepository } from './knexConversationReferenceRepository';
import { KnexHandoffRepository } from './knexHandoffRepository';
import { KnexHandoffTranscriptRepository } from './knexHandoffTranscriptRepository';
import { KnexIdentityRateEventRepository } from './knexIdentityRateEventRepository';
import { KnexIdempotencyRepository } from './knexIdempotencyRepository';
import { KnexIpsRepository } from './knexIpsRepository';
import { KnexOutboxRepository } from './knexOutboxRepository';
import { KnexPlaceRepository } from './knexPlaceRepository';
import { KnexPqrdsAttachmentRepository } from './knexPqrdsAttachmentRepository';
import { KnexPqrdsLookupFailureLog } from './knexPqrdsLookupFailureLog';
import { KnexPqrdsRepository } from './knexPqrdsRepository';
import { KnexServiceCatalogueRepository } from './knexServiceCatalogueRepository';
import { KnexWhatsAppCloudRepository } from './knexWhatsAppCloudRepository';
import type { RetentionRepository } from '../../services/ports/retention';
import { KnexRetentionRepository } from './knexRetentionRepository';
import { KnexAffiliateFeedStore } from './knexAffiliateFeedStore';
import { KnexWebhookEventSource } from './knexWebhookEventSource';

/** The domain repositories services share, plus those one area uses (handoff, identity, self-service, WhatsApp). */
export interface AllRepositories extends Repositories {
  agents: AgentRepository;
  agentAudit: AuditRepository;
  agentSessions: AgentSessionRepository;
  handoffs: HandoffRepository;
  handoffTranscripts: HandoffTranscriptRepository;
  identityRateEvents: RateLimitEventRepository;
  certificates: CertificateRepository;
  pqrdsAttachments: PqrdsAttachmentRepository;
  pqrdsLookupFailures: PqrdsLookupFailureLog;
  pqrdsConversationLookupFailures: PqrdsLookupFailureLog;
  pqrdsAddressLookupFailures: PqrdsLookupFailureLog;
  retention: RetentionRepository;
  whatsappCloud: WhatsAppCloudStore;
  apiKeys: ApiKeyRepository;
  idempotency: IdempotencyRepository;
  decisions: DecisionStore;
  backOfficeAudit: BackOfficeAuditRepository;
  affiliateNotices: AffiliateNoticeStore;
  pqrdsQueue: PqrdsQueueStore;
  affiliateFeed: AffiliateFeedStore & SessionStandingReader;
  webhookEvents: WebhookEventSource;
}

/** `reads`: connections for the hot per-turn reads (createReadKnex); the writer by default. */
export function createRepositories(knex: Knex, reads: Knex = knex): AllRepositories {
  return {
    affiliates: new KnexAffiliateRepository(knex),
    accounts: new KnexAccountRepository(knex),
    consents: new KnexConsentRepository(knex),
    authorizationRequests: new KnexAuthorizationRequestRepository(knex),
    authorizations: new KnexAuthorizationRepository(knex),
    serviceCatalogue: new KnexServiceCatalogueRepository(knex),
    pqrds: new KnexPqrdsRepository(knex),
    ips: new KnexIpsRepository(knex),
    places: new KnexPlaceRepository(knex),
    outbox: new KnexOutboxRepository(knex),
    conversationReferences: new KnexConversationReferenceRepository(knex),
    agents: new KnexAgentRepository(knex),
    agentAudit: new KnexAgentAuditRepository(knex),
    agentSessions: new KnexAgentSessionRepository(knex),
    handoffs: new KnexHandoffRepository(knex, reads),
    handoffTranscripts: new KnexHandoffTranscriptRepository(knex),
    identityRateEvents: new KnexIdentityRateEventRepository(knex),
    certificates: new KnexCertificateRepository(knex),
    pqrdsAttachments: new KnexPqrdsAttachmentRepository(knex),
    pqrdsLookupFailures: new KnexPqrdsLookupFailureLog(knex),
    pqrdsConversationLookupFailures: new KnexPqrdsLookupFailureLog(knex, 'conversation'),
    pqrdsAddressLookupFailures: new KnexPqrdsLookupFailureLog(knex, 'address'),
    retention: new KnexRetentionRepository(knex),
    whatsappCloud: new KnexWhatsAppCloudRepository(knex),
    apiKeys: new KnexApiKeyRepository(knex),
    idempotency: new KnexIdempotencyRepository(knex),
    decisions: new KnexDecisionStore(knex),
    backOfficeAudit: new KnexBackOfficeAuditRepository(knex),
    affiliateNotices: new KnexAffiliateNoticeStore(knex),
    pqrdsQueue: new KnexPqrdsQueueStore(knex),
    affiliateFeed: new KnexAffiliateFeedStore(knex),
    webhookEvents: new KnexWebhookEventSource(knex),
  };
}
