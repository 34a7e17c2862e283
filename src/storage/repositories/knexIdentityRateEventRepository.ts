// Append-only rate-limit events (see the migration); old ones are pruned once no limit looks at them.
import type { Knex } from 'knex';
import type { RateLimitEventRepository, RateLimitScope } from '../../services/ports/identity';
import { fromCount, fromOptionalInstant, toInstant } from '../dialect';

export class KnexIdentityRateEventRepository implements RateLimitEventRepository {
  constructor(private readonly db: Knex) {}

  async record(scope: RateLimitScope, subjectKey: string, at: Date): Promise<void> {
    await this.db('identity_rate_events').insert({ scope, subject_key: subjectKey, occurred_at: toInstant(at) });
  }

  async count(scope: RateLimitScope, subjectKey: string, since: Date): Promise<number> {
    const row = (await this.db('identity_rate_events')
      .where({ scope, subject_key: subjectKey })
      .andWhere('occurred_at', '>=', toInstant(since))
      .count({ n: '*' })
      .first()) as { n: unknown } | undefined;
    return fromCount(row?.n);
  }

  async latest(scope: RateLimitScope, subjectKey: string): Promise<Date | undefined> {
    const row = (await this.db('identity_rate_events')
      .where({ scope, subject_key: subjectKey })
      .max({ at: 'occurred_at' })
      .first()) as { at: unknown } | undefined;
    return fromOptionalInstant(row?.at);
  }

  async clear(scope: RateLimitScope, subjectKey: string): Promise<void> {
    await this.db('identity_rate_events').where({ scope, subject_key: subjectKey }).delete();
  }

  async pruneBefore(before: Date): Promise<number> {
    return this.db('identity_rate_events').where('occurred_at', '<', toInstant(before)).delete();
  }
}
