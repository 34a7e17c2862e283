// The integration API for the EPS's own systems (`/api/v1`): keys, scopes, validation, idempotency and
// rate limits in one place (src/server/integrationApi/); each area declares its endpoints on the returned
// IntegrationApi, and the routes are added to the server after every area has declared its own.
import { IntegrationApi } from '../server/integrationApi/integrationApi';
import { ApiKeyService } from '../services/integrationApi/apiKeyService';
import { PeriodicTask } from '../services/periodicTask';
import { KnexApiKeyRepository } from '../storage/repositories/knexApiKeyRepository';
import { KnexIdempotencyRepository } from '../storage/repositories/knexIdempotencyRepository';
import type { AppContext } from './context';

/** How long an Idempotency-Key answer is kept for replays. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

export function wireIntegrationApi(ctx: AppContext): IntegrationApi {
  const { clock, config, knex } = ctx;
  const logger = ctx.logger.child({ area: 'integration-api' });
  const keys = new ApiKeyService({ keys: new KnexApiKeyRepository(knex), clock, production: config.env === 'production' });
  const idempotency = new KnexIdempotencyRepository(knex);
  const api = new IntegrationApi({ keys, idempotency, clock, logger });
  ctx.routes.push((server) => api.register(server));
  ctx.tasks.push(
    new PeriodicTask('api-idempotency-prune', 60 * 60_000, () => idempotency.pruneBefore(new Date(clock.now().getTime() - IDEMPOTENCY_TTL_MS)), logger),
  );
  return api;
}
