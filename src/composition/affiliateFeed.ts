// The EPS's affiliate records coming in: PUT and NDJSON import on the integration API, and the check that
// ends a logged-in conversation when the records changed the person's status.
import { SessionStandingMiddleware } from '../bot/sessionStandingMiddleware';
import type { IntegrationApi } from '../server/integrationApi/integrationApi';
import { declareAffiliateFeedRoutes } from '../server/routes/affiliateFeedRoutes';
import { AffiliateFeedService } from '../services/affiliateFeed/affiliateFeedService';
import { type AppInfrastructure, type Wiring, wiring } from './context';

export function wireAffiliateFeed(infra: AppInfrastructure, api: IntegrationApi): Wiring {
  const { clock, repositories, accessors } = infra;
  const feed = new AffiliateFeedService({ store: repositories.affiliateFeed, clock });
  declareAffiliateFeedRoutes(api, { feed, clock });
  return wiring({
    middleware: [new SessionStandingMiddleware({ standing: repositories.affiliateFeed, session: accessors.session, dialogState: accessors.dialogState })],
  });
}
