// Identity: registration, login, recovery and the charter; SMS and e-mail through the outbox, with the
// HTTP gateway and SMTP when configured, the development drivers otherwise.
import { createIdentityDialogs } from '../../dialogs/identity/identityDialogs';
import { SmsGatewayDriver } from '../integrations/smsGatewayDriver';
import { registerDevOutboxRoutes } from '../server/routes/devOutboxRoutes';
import { registerLegalRoutes } from '../server/routes/legalRoutes';
import { createIdentityServices, IdentityServices } from '../services/identity/identityServices';
import { RATE_EVENT_PRUNE_INTERVAL_MS, RateEventPruner } from '../services/identity/rateEventPruner';
import { PeriodicTask } from '../services/periodicTask';
import { DevEmailDriver, DevSmsDriver } from '../services/notifications/devDrivers';
import { OutboxWorker } from '../services/notifications/outboxWorker';
import { SmtpEmailDriver } from '../services/notifications/smtpEmailDriver';
import type { MessageDriver } from '../services/ports/notifications';
import { AppInfrastructure, RouteRegistration, Wiring, wiring } from './context';

/** `outboxDrivers`: drivers of other kinds (webhooks) for the one outbox worker, which delivers every kind. */
export function wireIdentity(infra: AppInfrastructure, outboxDrivers: MessageDriver[] = []): Wiring & { identity: IdentityServices } {
  const { config, clock, logger, repositories } = infra;
  const rateEvents = repositories.identityRateEvents;
  const identity = createIdentityServices({ repositories, rateEvents, clock, logger: logger.child({ area: 'identity' }), secret: config.sessionSecret });

  const outboxLogger = logger.child({ area: 'outbox' });
  const pruner = new RateEventPruner({ rateEvents, clock });
  const routes: RouteRegistration[] = [registerLegalRoutes];
  // The demo's SMS (María Fernanda's temporary password) readable in a page, only while developing.
  if (config.env === 'development') routes.push((server) => registerDevOutboxRoutes(server, { outbox: repositories.outbox }));
  return {
    ...wiring({
      dialogs: createIdentityDialogs({ ...identity, session: infra.accessors.session, clock, publicUrl: config.publicUrl }),
      tasks: [
        new OutboxWorker({
          outbox: repositories.outbox,
          clock,
          logger: outboxLogger,
          drivers: [
            config.sms.gatewayUrl && config.sms.gatewayToken
              ? new SmsGatewayDriver({ url: config.sms.gatewayUrl, token: config.sms.gatewayToken })
              : new DevSmsDriver(outboxLogger),
            config.mail.smtpUrl
              ? new SmtpEmailDriver({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, messageIdDomain: new URL(config.publicUrl).hostname })
              : new DevEmailDriver(outboxLogger),
            ...outboxDrivers,
          ],
        }),
        new PeriodicTask('identity-rate-event-pruner', RATE_EVENT_PRUNE_INTERVAL_MS, () => pruner.pruneOnce(), logger).claimedThrough((key, job) =>
          infra.coordination.tryWithLock(key, job),
        ),
      ],
      routes,
    }),
    identity,
  };
}
