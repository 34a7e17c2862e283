// Failed PQRDS lookups go to the identity flows' rate-event table under their own scope: the same shape of
// event — an HMAC of a typed document and a time — kept and pruned by the same repository.
import type { Knex } from 'knex';
import type { RateLimitScope } from '../../services/ports/identity';
import type { PqrdsLookupFailureLog, PqrdsLookupSubject } from '../../services/ports/selfService';
import { KnexIdentityRateEventRepository } from './knexIdentityRateEventRepository';

// Per document (the scope this table has always used, outside RateLimitScope's list), per conversation and
// per client address; the column is free text, 30 characters.
const SCOPES: Record<PqrdsLookupSubject, RateLimitScope> = {
  document: 'pqrds_lookup_failure' as RateLimitScope,
  conversation: 'pqrds_fail_conv',
  address: 'pqrds_fail_addr',
};

export class KnexPqrdsLookupFailureLog implements PqrdsLookupFailureLog {
  private readonly events: KnexIdentityRateEventRepository;
  private readonly scope: RateLimitScope;

  constructor(db: Knex, subject: PqrdsLookupSubject = 'document') {
    this.events = new KnexIdentityRateEventRepository(db);
    this.scope = SCOPES[subject];
  }

  record(subjectKey: string, at: Date): Promise<void> {
    return this.events.record(this.scope, subjectKey, at);
  }

  count(subjectKey: string, since: Date): Promise<number> {
    return this.events.count(this.scope, subjectKey, since);
  }
}
