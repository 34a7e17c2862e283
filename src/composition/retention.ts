// Retention: the periodic purge of conversation history and finished outbox messages (RETENTION_DAYS).
import { PeriodicTask } from '../services/periodicTask';
import { RETENTION_PURGE_INTERVAL_MS, RetentionPurge } from '../services/retentionPurge';
import { KnexRetentionRepository } from '../storage/repositories/knexRetentionRepository';
import type { AppContext } from './context';

export function wireRetention(ctx: AppContext): RetentionPurge {
  const purge = new RetentionPurge({ store: new KnexRetentionRepository(ctx.knex), clock: ctx.clock, retentionDays: ctx.config.retentionDays });
  ctx.tasks.push(new PeriodicTask('retention-purge', RETENTION_PURGE_INTERVAL_MS, () => purge.purgeOnce(), ctx.logger));
  return purge;
}
