// What the identity dialogs need; the composition root builds it once and passes it to createIdentityDialogs.
import type { StatePropertyAccessor } from 'botbuilder';
import type { Clock } from '../../src/domain/clock';
import type { AuthSession } from '../../src/domain/session';
import type { AuthenticationService } from '../../src/services/identity/authenticationService';
import type { ConsentService } from '../../src/services/identity/consentService';
import type { PasswordRecoveryService } from '../../src/services/identity/passwordRecoveryService';
import type { RegistrationService } from '../../src/services/identity/registrationService';

export interface IdentityDialogDeps {
  registration: RegistrationService;
  authentication: AuthenticationService;
  recovery: PasswordRecoveryService;
  consents: ConsentService;
  session: StatePropertyAccessor<AuthSession | undefined>;
  clock: Clock;
  /** PUBLIC_URL, for links to the full policy and charter. */
  publicUrl: string;
}
