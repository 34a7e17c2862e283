// Identity (issue 3): registration, login, recovery and the charter; SMS and e-mail through the outbox,
// with the HTTP gateway and SMTP when configured, the development drivers otherwise.
import { createIdentityDialogs } from '../../dialogs/identity/identityDialogs';
import { SmsGatewayDriver } from '../integrations/smsGateway';
import { registerDevOutboxRoutes } from '../server/routes/devOutboxRoutes';
import { registerLegalRoutes } from '../server/routes/legalRoutes';
import { createIdentityServices, IdentityServices } from '../services/identity/identityServices';
import { RATE_EVENT_PRUNE_INTERVAL_MS, RateEventPruner } from '../services/identity/rateEventPruner';
import { PeriodicTask } from '../services/periodicTask';
import { DevEmailDriver, DevSmsDriver } from '../services/notifications/devDrivers';
import { OutboxWorker } from '../services/notifications/outboxWorker';
import { SmtpEmailDriver } from '../services/notifications/smtpEmailDriver';
import { KnexIdentityRateEventRepository } from '../storage/repositories/knexIdentityRateEventRepository';
import type { AppContext } from './context';

export function wireIdentity(ctx: AppContext): IdentityServices {
  const { config, clock, logger, repositories } = ctx;
  const rateEvents = new KnexIdentityRateEventRepository(ctx.knex);
  const identity = createIdentityServices({ repositories, rateEvents, clock, logger: logger.child({ area: 'identity' }), secret: config.sessionSecret });
  ctx.features.push(...createIdentityDialogs({ ...identity, session: ctx.accessors.session, clock, publicUrl: config.publicUrl }));

  const outboxLogger = logger.child({ area: 'outbox' });
  const pruner = new RateEventPruner({ rateEvents, clock });
  ctx.outboxDrivers.push(
    config.sms.gatewayUrl && config.sms.gatewayToken
      ? new SmsGatewayDriver({ url: config.sms.gatewayUrl, token: config.sms.gatewayToken })
      : new DevSmsDriver(outboxLogger),
    config.mail.smtpUrl
      ? new SmtpEmailDriver({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, messageIdDomain: new URL(config.publicUrl).hostname })
      : new DevEmailDriver(outboxLogger),
  );
  ctx.tasks.push(
    new OutboxWorker({ outbox: repositories.outbox, clock, logger: outboxLogger, drivers: ctx.outboxDrivers }),
    new PeriodicTask('identity-rate-event-pruner', RATE_EVENT_PRUNE_INTERVAL_MS, () => pruner.pruneOnce(), logger),
  );

  ctx.routes.push(registerLegalRoutes);
  // The demo's SMS (María Fernanda's temporary password) readable in a page, only while developing.
  if (config.env === 'development') ctx.routes.push((server) => registerDevOutboxRoutes(server, { outbox: repositories.outbox }));
  return identity;
}
