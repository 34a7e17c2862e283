// The EPS's affiliate records coming in: PUT and NDJSON import on the integration API, and the check that
// ends a logged-in conversation when the records changed the person's status.
import { SessionStandingMiddleware } from '../bot/sessionStandingMiddleware';
import { declareAffiliateFeedRoutes } from '../server/routes/affiliateFeedRoutes';
import type { IntegrationApi } from '../server/integrationApi/integrationApi';
import { AffiliateFeedService } from '../services/affiliateFeed/affiliateFeedService';
import { KnexAffiliateFeedStore } from '../storage/repositories/knexAffiliateFeedStore';
import type { AppContext } from './context';

export function wireAffiliateFeed(ctx: AppContext, api: IntegrationApi): void {
  const store = new KnexAffiliateFeedStore(ctx.knex);
  const feed = new AffiliateFeedService({ store, clock: ctx.clock });
  declareAffiliateFeedRoutes(api, { feed, clock: ctx.clock });
  ctx.middleware.push(new SessionStandingMiddleware({ standing: store, session: ctx.accessors.session, dialogState: ctx.accessors.dialogState }));
}
