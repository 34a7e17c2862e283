// Retention: the periodic purge of conversation history and finished outbox messages (RETENTION_DAYS).
import { PeriodicTask } from '../services/periodicTask';
import { RETENTION_PURGE_INTERVAL_MS, RetentionPurge } from '../services/retentionPurge';
import { AppInfrastructure, Wiring, wiring } from './context';

export function wireRetention(infra: AppInfrastructure): Wiring {
  const purge = new RetentionPurge({ store: infra.repositories.retention, clock: infra.clock, retentionDays: infra.config.retentionDays });
  return wiring({ tasks: [new PeriodicTask('retention-purge', RETENTION_PURGE_INTERVAL_MS, () => purge.purgeOnce(), infra.logger)] });
}
