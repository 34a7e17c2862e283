// What happens after a right password and before the menu: a temporary password is replaced, the charter
// of rights and duties is accepted (once per version), and only then the session starts. Ends with true
// when the person is logged in.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { startSession } from '../../src/services/identity/sessionFactory';
import { DialogIds } from '../ids';
import { identity } from '../messages/identity';
import { Step, waterfall } from '../waterfall';
import { AcceptCharterDialog, AcceptCharterOptions } from './acceptCharterDialog';
import { ChangePasswordDialog, ChangePasswordOptions } from './changePasswordDialog';
import type { IdentityDialogDeps } from './identityDialogDeps';

export const FINISH_LOGIN_DIALOG = 'identity.finishLogin';

export interface FinishLoginOptions {
  accountId: string;
  affiliateId: string;
  firstNames: string;
  mustChangePassword: boolean;
  documentNumber: string;
}

type FinishStep<R = unknown> = Step<object, R, FinishLoginOptions>;

export class FinishLoginDialog extends ComponentDialog<FinishLoginOptions> {
  constructor(private readonly deps: IdentityDialogDeps) {
    super(FINISH_LOGIN_DIALOG);
    this.addDialog(new ChangePasswordDialog(deps));
    this.addDialog(new AcceptCharterDialog(deps));
    this.addDialog(
      waterfall<object, FinishLoginOptions>('finishLogin.steps', [this.changePasswordStep.bind(this), this.charterStep.bind(this), this.startSessionStep.bind(this)]),
    );
    this.initialDialogId = 'finishLogin.steps';
  }

  /** A temporary (SMS) password is replaced before anything else. */
  private async changePasswordStep(step: FinishStep): Promise<DialogTurnResult> {
    const login = step.options;
    if (!login.mustChangePassword) return step.next(true);
    const options: ChangePasswordOptions = { accountId: login.accountId, forced: true, documentNumber: login.documentNumber };
    return step.beginDialog(DialogIds.changePassword, options);
  }

  /** The charter, once per version: a new version is accepted again. */
  private async charterStep(step: FinishStep<boolean>): Promise<DialogTurnResult> {
    if (step.result !== true) return step.endDialog(false);
    const login = step.options;
    if (await this.deps.consents.hasAcceptedCurrent(login.affiliateId, 'rights_charter')) return step.next(true);
    const options: AcceptCharterOptions = { affiliateId: login.affiliateId };
    return step.beginDialog(DialogIds.acceptCharter, options);
  }

  /** Only now the session starts, so a person who stopped halfway is not logged in. */
  private async startSessionStep(step: FinishStep<boolean>): Promise<DialogTurnResult> {
    if (step.result !== true) return step.endDialog(false);
    const login = step.options;
    await this.deps.session.set(step.context, startSession(login.accountId, login.affiliateId, this.deps.clock.now(), true));
    await step.context.sendActivity(identity.welcome(login.firstNames.split(' ')[0]));
    return step.endDialog(true);
  }
}
