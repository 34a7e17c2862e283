// "Actualización Datos Básicos" (the manual's section 10, docs/manual-map.md): choose a member, see the data
// with the required fields marked (*); "mis datos están actualizados" records the confirmation, otherwise the
// fields are changed one by one, confirmed, and — when the mobile or the e-mail changes — the password is
// asked again.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, Dialog, DialogTurnResult } from 'botbuilder-dialogs';
import { DomainError } from '../../src/domain/errors';
import { Affiliate } from '../../src/domain/model';
import { AuthSession } from '../../src/domain/session';
import { formatNumericDate } from '../../src/domain/spanishDate';
import { needsReauthentication } from '../../src/services/family/contactDataService';
import type { MemberProfileService } from '../../src/services/family/memberProfileService';
import { FamilyNucleusService } from '../../src/services/family/familyNucleusService';
import { BasicDataChanges, BasicDataService } from '../../src/services/selfService/basicDataService';
import { ChooseFamilyMemberDialog, ChooseFamilyMemberOptions, ChooseFamilyMemberResult } from '../family/chooseFamilyMemberDialog';
import { DialogIds } from '../ids';
import { contactData, family } from '../messages/family';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { EDIT_BASIC_DATA_DIALOG, EditBasicDataDialog, EditBasicDataOptions } from './editBasicDataDialog';

const CHOICE = 'updateBasicData.choice';
const STEPS = 'updateBasicData.steps';

export interface UpdateBasicDataDeps {
  session: StatePropertyAccessor<AuthSession | undefined>;
  nucleus: FamilyNucleusService;
  service: BasicDataService;
  /** The password check before changing mobile or e-mail (DialogIds.reauthenticate, ends true/false). */
  reauthenticate?: Dialog;
  /** Another member's status, regime, type and IPS, shown above their data. */
  profiles?: MemberProfileService;
}

interface Values {
  requesterId: string;
  memberId: string;
  current: Pick<Affiliate, 'mobile' | 'email' | 'address' | 'municipalityCode'> & { municipalityLabel: string };
  changes: BasicDataChanges;
}

type UpdateStep<R = unknown> = Step<Values, R>;

const KEEP_OR_EDIT: ChoiceOption<'ok' | 'edit'>[] = [
  { value: 'ok', title: texts.basicDataUpToDate, synonyms: ['si', 'correctos', 'estan bien', 'actualizados'] },
  { value: 'edit', title: texts.basicDataUpdate, synonyms: ['no', 'actualizar', 'cambiar', 'corregir'] },
];
// With the mobile or the e-mail missing the question is "¿Quieres agregarlo?": "sí" edits, "no" confirms.
const ADD_OR_KEEP: ChoiceOption<'ok' | 'edit'>[] = [
  { value: 'edit', title: texts.basicDataAdd, synonyms: ['si', 'agregar', 'anadir', 'actualizar'] },
  { value: 'ok', title: texts.basicDataKeepMissing, synonyms: ['no', 'estan bien', 'actualizados', 'no tengo'] },
];
const YES_NO: ChoiceOption<'yes' | 'no'>[] = [
  { value: 'yes', title: texts.basicDataYes, synonyms: ['si', 'confirmo', 'guardar'] },
  { value: 'no', title: texts.basicDataNo, synonyms: ['no', 'dejar'] },
];

export class UpdateBasicDataDialog extends ComponentDialog {
  constructor(private readonly deps: UpdateBasicDataDeps) {
    super(DialogIds.updateBasicData);
    this.addDialog(new ChooseFamilyMemberDialog(deps.session, deps.nucleus));
    if (deps.reauthenticate) this.addDialog(deps.reauthenticate);
    this.addDialog(new OptionsPrompt(CHOICE));
    this.addDialog(new EditBasicDataDialog());
    this.addDialog(
      waterfall<Values>(STEPS, [
        this.chooseMemberStep.bind(this),
        this.showDataStep.bind(this),
        this.editStep.bind(this),
        this.confirmStep.bind(this),
        this.reauthenticateStep.bind(this),
        this.saveStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** Whose data: any member of the nucleus. */
  private async chooseMemberStep(step: UpdateStep): Promise<DialogTurnResult> {
    const current = await this.deps.session.get(step.context);
    if (!current) return step.endDialog();
    step.values.requesterId = current.affiliateId;
    const options: ChooseFamilyMemberOptions = { question: texts.basicDataChooseMember, onlyActive: false };
    return step.beginDialog(DialogIds.chooseFamilyMember, options);
  }

  /** The data as the EPS has it (required fields marked): up to date, or update. */
  private async showDataStep(step: UpdateStep<ChooseFamilyMemberResult>): Promise<DialogTurnResult> {
    const chosen = step.result;
    if (!chosen) return step.endDialog();
    const values = step.values;
    const { member, municipalityLabel: label } = await this.deps.service.view(values.requesterId, chosen.affiliateId);
    values.memberId = member.id;
    values.current = { mobile: member.mobile, email: member.email, address: member.address, municipalityCode: member.municipalityCode, municipalityLabel: label };
    const shown = texts.basicDataShown(chosen.isSelf ? undefined : chosen.fullName, {
      document: `${member.documentType} ${member.documentNumber}`,
      birthDate: formatNumericDate(member.birthDate),
      mobile: member.mobile,
      email: member.email,
      address: member.address,
      municipality: label,
    });
    const profile = !chosen.isSelf && this.deps.profiles ? await this.deps.profiles.profile(values.requesterId, chosen.affiliateId) : undefined;
    const missing = !member.mobile || !member.email;
    const ask = missing ? texts.basicDataMissing(chosen.isSelf, member) : texts.basicDataQuestion;
    const question = [profile ? family.memberProfile(profile) : '', shown, ask].filter(Boolean).join('\n');
    const prompt: OptionsPromptOptions = missing
      ? { question, options: ADD_OR_KEEP, help: texts.basicDataMissingHelp }
      : { question, options: KEEP_OR_EDIT, help: texts.basicDataHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** "Mis datos están actualizados" is recorded; otherwise the fields are edited one by one. */
  private async editStep(step: UpdateStep<ChoiceOption<'ok' | 'edit'>>): Promise<DialogTurnResult> {
    const values = step.values;
    if (step.result.value === 'ok') {
      await this.deps.service.confirmUpToDate(values.requesterId, values.memberId, step.context.activity.channelId ?? 'unknown');
      await step.context.sendActivity(texts.basicDataConfirmed);
      return step.endDialog();
    }
    return step.beginDialog(EDIT_BASIC_DATA_DIALOG, { changes: {} } satisfies EditBasicDataOptions);
  }

  /** "¿Confirmas la actualización?" with the data as it would be saved. */
  private async confirmStep(step: UpdateStep<EditBasicDataOptions>): Promise<DialogTurnResult> {
    const values = step.values;
    const c = values.current;
    const edited = step.result;
    const changes = { ...edited.changes };
    // Object.keys widens to string[]; the keys of a BasicDataChanges are its fields.
    for (const key of Object.keys(changes) as (keyof BasicDataChanges)[]) if ((changes[key] ?? null) === (c[key] ?? null)) delete changes[key];
    values.changes = changes;
    if (Object.keys(changes).length === 0) {
      await step.context.sendActivity(texts.basicDataNoChanges);
      return step.endDialog();
    }
    const after = { ...c, ...changes };
    const question = texts.basicDataConfirmUpdate({
      mobile: after.mobile,
      email: after.email ?? undefined,
      address: after.address,
      municipality: changes.municipalityCode ? (edited.municipalityLabel ?? changes.municipalityCode) : c.municipalityLabel,
    });
    const prompt: OptionsPromptOptions = { question, options: YES_NO, help: texts.basicDataConfirmHelp };
    return step.prompt(CHOICE, prompt);
  }

  /** The mobile and the e-mail receive codes and notices: changing them needs the password again. */
  private async reauthenticateStep(step: UpdateStep<ChoiceOption<'yes' | 'no'>>): Promise<DialogTurnResult> {
    const values = step.values;
    if (step.result.value !== 'yes') {
      await step.context.sendActivity(texts.basicDataNotUpdated);
      return step.endDialog();
    }
    if (!this.sensitive(values)) return step.next(false);
    if (!this.deps.reauthenticate) return step.next(false);
    await step.context.sendActivity(contactData.reauthNeeded);
    return step.beginDialog(DialogIds.reauthenticate);
  }

  /** Saves what may be saved: without the password again, mobile and e-mail stay as they were. */
  private async saveStep(step: UpdateStep<boolean>): Promise<DialogTurnResult> {
    const values = step.values;
    const reauthenticated = step.result === true;
    const changes = { ...values.changes };
    if (this.sensitive(values) && !reauthenticated) {
      delete changes.mobile;
      delete changes.email;
      await step.context.sendActivity(contactData.reauthFailed);
      if (Object.keys(changes).length === 0) return step.endDialog();
    }
    try {
      await this.deps.service.update(values.requesterId, values.memberId, changes, { reauthenticated });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await step.context.sendActivity(texts.basicDataError(texts.basicDataReason(error.code)));
      return step.endDialog();
    }
    await step.context.sendActivity(texts.basicDataUpdated);
    return step.endDialog();
  }

  private sensitive(values: Values): boolean {
    const { mobile, email } = values.changes;
    return needsReauthentication(values.current, { mobile, email: email === null ? '' : email });
  }
}
