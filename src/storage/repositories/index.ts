// Builds every domain repository on one Knex instance; the composition root calls this once.
import type { Knex } from 'knex';
import type { Repositories } from '../../services/ports/repositories';
import { KnexAccountRepository } from './knexAccountRepository';
import { KnexAffiliateRepository } from './knexAffiliateRepository';
import { KnexAuthorizationRepository } from './knexAuthorizationRepository';
import { KnexAuthorizationRequestRepository } from './knexAuthorizationRequestRepository';
import { KnexConsentRepository } from './knexConsentRepository';
import { KnexConversationReferenceRepository } from './knexConversationReferenceRepository';
import { KnexIpsRepository } from './knexIpsRepository';
import { KnexOutboxRepository } from './knexOutboxRepository';
import { KnexPlaceRepository } from './knexPlaceRepository';
import { KnexPqrdsRepository } from './knexPqrdsRepository';
import { KnexServiceCatalogueRepository } from './knexServiceCatalogueRepository';

export function createRepositories(knex: Knex): Repositories {
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
  };
}
