// Failed PQRDS lookups go to the identity flows' rate-event table under their own scope: the same shape of
// event — an HMAC of a typed document and a time — kept and pruned by the same repository.
import type { Knex } from 'knex';
import type { RateLimitScope } from '../../services/ports/identity';
import type { PqrdsLookupFailureLog } from '../../services/ports/selfService';
import { KnexIdentityRateEventRepository } from './knexIdentityRateEventRepository';

// Not one of the identity scopes (RateLimitScope lists those); the column is free text, 30 characters.
const SCOPE = 'pqrds_lookup_failure' as RateLimitScope;

export class KnexPqrdsLookupFailureLog implements PqrdsLookupFailureLog {
  private readonly events: KnexIdentityRateEventRepository;

  constructor(db: Knex) {
    this.events = new KnexIdentityRateEventRepository(db);
  }

  record(subjectKey: string, at: Date): Promise<void> {
    return this.events.record(SCOPE, subjectKey, at);
  }

  count(subjectKey: string, since: Date): Promise<number> {
    return this.events.count(SCOPE, subjectKey, since);
  }
}
