// The member's contact data (the manual's section 8, docs/manual-map.md): shown, then confirmed as it is or
// updated field by field, with "¿Confirmas la actualización?" before saving. Changing the mobile or the
// e-mail asks the password again (DialogIds.reauthenticate). Ends with ConfirmedContactData.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { checkAddress, checkEmail } from '../../src/domain/contact';
import { fullName } from '../../src/domain/model';
import { checkMobile } from '../../src/domain/phone';
import { AuthSession } from '../../src/domain/session';
import { ContactChanges, ContactDataService, needsReauthentication } from '../../src/services/family/contactDataService';
import type { MemberProfileService } from '../../src/services/family/memberProfileService';
import { DialogIds } from '../ids';
import { contactData as t, family } from '../messages/family';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { withHelp } from '../prompts/helpPromptOptions';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { checkOk, contactFieldPrompt, isKeepAnswer } from './contactFieldPrompts';

export interface ConfirmContactDataOptions {
  affiliateId: string;
}

export interface ConfirmedContactData {
  affiliateId: string;
  /** True when something was saved. */
  updated: boolean;
}

type Contact = { mobile?: string; email?: string; address?: string };
interface Values {
  affiliateId: string;
  current: Contact;
  changes: ContactChanges;
  /** Answered "Sí, agregar": only the missing fields are asked. */
  addOnly?: boolean;
}

type ContactStep<R = unknown> = Step<Values, R, ConfirmContactDataOptions>;

const CHOICE = 'confirmContactData.choice';
const MOBILE = 'confirmContactData.mobile';
const EMAIL = 'confirmContactData.email';
const ADDRESS = 'confirmContactData.address';
const STEPS = 'confirmContactData.steps';
/** A field not asked counts as answered "igual". */
const KEEP_ANSWER = 'igual';
const KEEP: ChoiceOption = { value: 'keep', title: t.keep, synonyms: ['si', 'correctos', 'estan bien', 'bien', 'confirmo'] };
const UPDATE: ChoiceOption = { value: 'update', title: t.update, synonyms: ['no', 'actualizar', 'cambiar', 'corregir'] };
// With the mobile or the e-mail missing the question is "¿Quieres agregarlo?": "sí" adds, "no" goes on.
const ADD: ChoiceOption = { value: 'add', title: t.addMissing, synonyms: ['si', 'agregar', 'anadir', 'actualizar', 'quiero agregarlo'] };
const SKIP: ChoiceOption = { value: 'keep', title: t.skipMissing, synonyms: ['no', 'seguir', 'continuar', 'ahora no', 'despues', 'no tiene'] };
const YES: ChoiceOption = { value: 'yes', title: t.confirmYes, synonyms: ['si', 'confirmo', 'actualizar', 'guardar'] };
const NO: ChoiceOption = { value: 'no', title: t.confirmNo, synonyms: ['no', 'dejar', 'como estaba'] };

export class ConfirmContactDataDialog extends ComponentDialog<ConfirmContactDataOptions> {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    private readonly service: ContactDataService,
    /** Another member's status, regime, type and IPS, shown above their contact data. */
    private readonly profiles?: MemberProfileService,
  ) {
    super(DialogIds.confirmContactData);
    this.addDialog(new OptionsPrompt(CHOICE));
    this.addDialog(contactFieldPrompt(MOBILE, checkMobile, t.invalidMobile));
    this.addDialog(contactFieldPrompt(EMAIL, checkEmail, t.invalidEmail));
    this.addDialog(contactFieldPrompt(ADDRESS, checkAddress, t.invalidAddress));
    this.addDialog(
      waterfall<Values, ConfirmContactDataOptions>(STEPS, [
        this.showDataStep.bind(this),
        this.askMobileStep.bind(this),
        this.askEmailStep.bind(this),
        this.askAddressStep.bind(this),
        this.confirmUpdateStep.bind(this),
        this.reauthenticateStep.bind(this),
        this.saveStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private async requester(step: ContactStep): Promise<string> {
    const current = await this.session.get(step.context);
    if (!current) throw new Error('contact data without a session');
    return current.affiliateId;
  }

  /** Shows mobile, e-mail and address: confirm as they are, or update. */
  private async showDataStep(step: ContactStep): Promise<DialogTurnResult> {
    const { affiliateId } = step.options;
    const member = await this.service.current(await this.requester(step), affiliateId);
    const values: Values = { affiliateId, current: { mobile: member.mobile, email: member.email, address: member.address }, changes: {} };
    Object.assign(step.values, values);
    const requesterId = await this.requester(step);
    const profile = affiliateId !== requesterId && this.profiles ? await this.profiles.profile(requesterId, affiliateId) : undefined;
    const missing = !values.current.mobile || !values.current.email;
    const shown = (missing ? t.shownMissing : t.shown)(fullName(member), values.current);
    const question = profile ? `${family.memberProfile(profile)}\n${shown}` : shown;
    const prompt: OptionsPromptOptions = missing
      ? { question, options: [ADD, SKIP], help: t.shownMissingHelp }
      : { question, options: [KEEP, UPDATE], help: t.shownHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** Ends here when the data is right; otherwise asks the mobile ("igual" keeps it). "Sí, agregar" asks only what is missing. */
  private async askMobileStep(step: ContactStep<ChoiceOption>): Promise<DialogTurnResult> {
    const values = step.values;
    if (step.result.value === 'keep') return step.endDialog(this.result(values, false));
    values.addOnly = step.result.value === ADD.value;
    if (values.addOnly && values.current.mobile) return step.next(KEEP_ANSWER);
    return step.prompt(MOBILE, withHelp(t.askMobile(values.current.mobile), t.mobileHelp));
  }

  /** Keeps the mobile answered (already validated by its prompt), then asks the e-mail. */
  private async askEmailStep(step: ContactStep<string>): Promise<DialogTurnResult> {
    const values = step.values;
    if (!isKeepAnswer(step.result)) values.changes.mobile = checkOk(checkMobile(step.result)).mobile;
    if (values.addOnly && values.current.email) return step.next(KEEP_ANSWER);
    return step.prompt(EMAIL, withHelp(t.askEmail(values.current.email), t.emailHelp));
  }

  /** Keeps the e-mail answered, then asks the address. */
  private async askAddressStep(step: ContactStep<string>): Promise<DialogTurnResult> {
    const values = step.values;
    if (!isKeepAnswer(step.result)) values.changes.email = checkOk(checkEmail(step.result)).email;
    if (values.addOnly && values.current.address) return step.next(KEEP_ANSWER);
    return step.prompt(ADDRESS, withHelp(t.askAddress(values.current.address), t.addressHelp));
  }

  /** "¿Confirmas la actualización?" with the data as it would be saved. */
  private async confirmUpdateStep(step: ContactStep<string>): Promise<DialogTurnResult> {
    const values = step.values;
    if (!isKeepAnswer(step.result)) values.changes.address = checkOk(checkAddress(step.result)).address;
    // Typing the value it already had is no change.
    for (const key of ['mobile', 'email', 'address'] as const) {
      if (values.changes[key] === values.current[key]) delete values.changes[key];
    }
    const after = { ...values.current, ...values.changes };
    if (Object.keys(values.changes).length === 0) {
      await step.context.sendActivity(t.noChanges);
      return step.endDialog(this.result(values, false));
    }
    const prompt: OptionsPromptOptions = { question: t.confirmUpdate(after), options: [YES, NO], help: t.confirmHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** The mobile and the e-mail receive codes and notices: changing them needs the password again. */
  private async reauthenticateStep(step: ContactStep<ChoiceOption>): Promise<DialogTurnResult> {
    const values = step.values;
    if (step.result.value === 'no') {
      await step.context.sendActivity(t.notUpdated);
      return step.endDialog(this.result(values, false));
    }
    if (!needsReauthentication(values.current, values.changes)) return step.next(false);
    if (!step.findDialog(DialogIds.reauthenticate)) return step.next(false);
    await step.context.sendActivity(t.reauthNeeded);
    return step.beginDialog(DialogIds.reauthenticate);
  }

  /** Saves what may be saved: without the password again, mobile and e-mail stay as they were. */
  private async saveStep(step: ContactStep<boolean>): Promise<DialogTurnResult> {
    const values = step.values;
    const reauthenticated = step.result === true;
    const changes = { ...values.changes };
    if (needsReauthentication(values.current, changes) && !reauthenticated) {
      delete changes.mobile;
      delete changes.email;
      await step.context.sendActivity(t.reauthFailed);
    }
    if (Object.keys(changes).length === 0) return step.endDialog(this.result(values, false));
    await this.service.update(await this.requester(step), values.affiliateId, changes, { reauthenticated });
    await step.context.sendActivity(t.updated);
    return step.endDialog(this.result(values, true));
  }

  private result(values: Values, updated: boolean): ConfirmedContactData {
    return { affiliateId: values.affiliateId, updated };
  }
}
