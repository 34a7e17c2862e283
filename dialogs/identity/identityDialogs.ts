// The identity dialogs MainDialog registers as features (and other features may begin by id:
// DialogIds.reauthenticate before changing contact data, DialogIds.changePassword).
import type { Dialog } from 'botbuilder-dialogs';
import { AcceptCharterDialog } from './acceptCharterDialog';
import { ChangePasswordDialog } from './changePasswordDialog';
import type { IdentityDialogDeps } from './identityDialogDeps';
import { LoginDialog } from './loginDialog';
import { ReauthenticateDialog } from './reauthenticateDialog';
import { RecoverPasswordDialog } from './recoverPasswordDialog';
import { RegistrationDialog } from './registrationDialog';

export type { IdentityDialogDeps } from './identityDialogDeps';

export function createIdentityDialogs(deps: IdentityDialogDeps): Dialog[] {
  return [
    new RegistrationDialog({ registration: deps.registration, clock: deps.clock, publicUrl: deps.publicUrl, login: new LoginDialog(deps) }),
    new LoginDialog(deps),
    new RecoverPasswordDialog(deps),
    new ChangePasswordDialog(deps),
    new AcceptCharterDialog(deps),
    new ReauthenticateDialog(deps),
  ];
}
