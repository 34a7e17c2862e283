// Sets a password the person chooses: forced right after logging in with a temporary (SMS) password, or asked
// for by a logged-in person (who confirms the current one first). The policy (src/domain/passwordPolicy.ts):
// at least 8 characters, never truncated, not a common password nor the person's own document number. Ends
// with true when the password was changed.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { markInputSensitive } from '../../src/bot/sensitiveInput';
import { DialogIds } from '../ids';
import { Step, waterfall } from '../waterfall';
import { identity } from '../messages/identity';
import { FieldPrompt, fieldOptions } from './fieldPrompt';
import type { IdentityDialogDeps } from './identityDialogDeps';
import { newPasswordProblem } from './passwordRules';
import { ReauthenticateDialog } from './reauthenticateDialog';

const NEW_PASSWORD = 'changePassword.new';
const STEPS = 'changePassword.steps';

export interface ChangePasswordOptions {
  /** The account of a login in progress (no session yet); otherwise the session's. */
  accountId?: string;
  /** After a temporary password: no re-authentication, and the reason is said first. */
  forced?: boolean;
  /** The holder's document number: the password must not contain it. */
  documentNumber?: string;
  /** Set when the dialog restarts itself: the reason the last choice was refused. */
  reason?: string;
  reauthenticated?: boolean;
}

type ChangeStep<R = unknown> = Step<object, R, ChangePasswordOptions>;

export class ChangePasswordDialog extends ComponentDialog<ChangePasswordOptions> {
  constructor(private readonly deps: IdentityDialogDeps) {
    super(DialogIds.changePassword);
    this.addDialog(new ReauthenticateDialog(deps));
    this.addDialog(
      new FieldPrompt<string>(
        NEW_PASSWORD,
        (text, options) => {
          const reason = newPasswordProblem(text, options.data?.documentNumber);
          return reason ? { ok: false, reason } : { ok: true, value: text };
        },
        true,
      ),
    );
    this.addDialog(waterfall<object, ChangePasswordOptions>(STEPS, [this.confirmIdentityStep.bind(this), this.askNewStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** A person who asked for the change proves it is them first; after a temporary password that was just done. */
  private async confirmIdentityStep(step: ChangeStep): Promise<DialogTurnResult> {
    const options = step.options;
    if (options.forced || options.reauthenticated) return step.next(true);
    return step.beginDialog(DialogIds.reauthenticate);
  }

  /** Asks the new password, with the reason the last one was refused when there was one. */
  private async askNewStep(step: ChangeStep<boolean>): Promise<DialogTurnResult> {
    if (step.result !== true) return step.endDialog(false);
    const options = step.options;
    if (options.forced && !options.reason) await step.context.sendActivity(identity.mustChangePassword);
    const question = options.reason ? `${options.reason}\n${identity.newPasswordQuestion}` : identity.newPasswordQuestion;
    return step.prompt(NEW_PASSWORD, fieldOptions(question, identity.newPasswordHelp, { documentNumber: options.documentNumber }));
  }

  /** Saves it; the same password as now starts over with the reason (the check needs the current hash). */
  private async saveStep(step: ChangeStep<string>): Promise<DialogTurnResult> {
    markInputSensitive(step.context);
    const options = step.options;
    const accountId = options.accountId ?? (await this.deps.session.get(step.context))?.accountId;
    if (!accountId) return step.endDialog(false);
    const outcome = await this.deps.authentication.changePassword(accountId, step.result);
    if (outcome === 'same_as_current') {
      return step.replaceDialog(STEPS, { ...options, reauthenticated: true, reason: identity.sameAsCurrent } satisfies ChangePasswordOptions);
    }
    await step.context.sendActivity(identity.passwordChanged);
    return step.endDialog(true);
  }
}
