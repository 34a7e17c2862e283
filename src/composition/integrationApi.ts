// The integration API for the EPS's own systems (`/api/v1`): keys, scopes, validation, idempotency and
// rate limits in one place (src/server/integrationApi/); each area declares its endpoints on the returned
// IntegrationApi, and the routes are added to the server after every area has declared its own.
import { IntegrationApi } from '../server/integrationApi/integrationApi';
import { ApiKeyService } from '../services/integrationApi/apiKeyService';
import { PeriodicTask } from '../services/periodicTask';
import { type AppInfrastructure, type Wiring, wiring } from './context';

/** How long an Idempotency-Key answer is kept for replays. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

export function wireIntegrationApi(infra: AppInfrastructure): { api: IntegrationApi; wiring: Wiring } {
  const { clock, config, repositories } = infra;
  const logger = infra.logger.child({ area: 'integration-api' });
  const keys = new ApiKeyService({ keys: repositories.apiKeys, clock, production: config.env === 'production' });
  const idempotency = repositories.idempotency;
  const api = new IntegrationApi({ keys, idempotency, clock, logger });
  return {
    api,
    wiring: wiring({
      // Registered when the server is built, after every area has declared its endpoints on `api`.
      routes: [(server) => api.register(server)],
      tasks: [
        new PeriodicTask('api-idempotency-prune', 60 * 60_000, () => idempotency.pruneBefore(new Date(clock.now().getTime() - IDEMPOTENCY_TTL_MS)), logger).claimedThrough(
          (key, job) => infra.coordination.tryWithLock(key, job),
        ),
      ],
    }),
  };
}
