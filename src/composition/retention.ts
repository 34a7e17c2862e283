// Retention: the periodic purge of conversation history and finished outbox messages (RETENTION_DAYS).
import { PeriodicTask } from '../services/periodicTask';
import { RETENTION_PURGE_INTERVAL_MS, RetentionPurge } from '../services/retentionPurge';
import { AppInfrastructure, Wiring, wiring } from './context';

export function wireRetention(infra: AppInfrastructure): Wiring {
  const purge = new RetentionPurge({ store: infra.repositories.retention, clock: infra.clock, retentionDays: infra.config.retentionDays });
  // One instance purges each round (the others skip it).
  const task = new PeriodicTask('retention-purge', RETENTION_PURGE_INTERVAL_MS, () => purge.purgeOnce(), infra.logger).claimedThrough((key, job) =>
    infra.coordination.tryWithLock(key, job),
  );
  return wiring({ tasks: [task] });
}
