// Builds the identity services from their ports in one call, so the composition root stays short.
import type { Clock } from '../../domain/clock';
import { generateTemporaryPassword } from '../../domain/passwordPolicy';
import type { Logger } from '../../observability/logger';
import type { PasswordHasher, RateLimitEventRepository } from '../ports/identity';
import type { Repositories } from '../ports/repositories';
import { AuthenticationService } from './authenticationService';
import { ClientLoginLimits } from './clientLoginLimits';
import { ConsentService } from './consentService';
import { argon2idHasher } from './passwordHasher';
import { PasswordRecoveryService } from './passwordRecoveryService';
import { RegistrationService } from './registrationService';
import { subjectKeyer } from './subjectKey';

export interface IdentityServicesDeps {
  repositories: Pick<Repositories, 'affiliates' | 'accounts' | 'consents' | 'outbox'>;
  rateEvents: RateLimitEventRepository;
  clock: Clock;
  logger: Logger;
  /** Keys the per-document and per-address rate limits (an HMAC), e.g. SESSION_SECRET. */
  secret: string;
  hasher?: PasswordHasher;
}

export interface IdentityServices {
  registration: RegistrationService;
  authentication: AuthenticationService;
  recovery: PasswordRecoveryService;
  consents: ConsentService;
}

export function createIdentityServices(deps: IdentityServicesDeps): IdentityServices {
  const { repositories, rateEvents, clock, logger } = deps;
  const shared = {
    affiliates: repositories.affiliates,
    accounts: repositories.accounts,
    rateEvents,
    hasher: deps.hasher ?? argon2idHasher,
    subjectKey: subjectKeyer(deps.secret),
    clock,
    logger,
  };
  const newTemporaryPassword = () => generateTemporaryPassword();
  return {
    registration: new RegistrationService({ ...shared, consents: repositories.consents, outbox: repositories.outbox, generateTemporaryPassword: newTemporaryPassword }),
    authentication: new AuthenticationService({ ...shared, clientLimits: new ClientLoginLimits(rateEvents, deps.secret) }),
    recovery: new PasswordRecoveryService({ ...shared, outbox: repositories.outbox, generateTemporaryPassword: newTemporaryPassword }),
    consents: new ConsentService({ consents: repositories.consents, clock }),
  };
}
