// "Consulta Autorizaciones" (the manual's section 9, docs/manual-map.md): choose a member of the family
// nucleus, then see either the authorizations (paged, filterable by service) or the requests with
// justification, creation date, status and rejection reason.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { AUTHORIZATION_REQUEST_STATUS_LABELS, AuthorizationRequest } from '../../src/domain/model';
import { AuthSession } from '../../src/domain/session';
import { formatNumericDate } from '../../src/domain/spanishDate';
import { AuthorizationStatusService } from '../../src/services/selfService/authorizationStatusService';
import { FamilyNucleusService } from '../../src/services/family/familyNucleusService';
import type { MemberProfileService } from '../../src/services/family/memberProfileService';
import { ChooseFamilyMemberDialog, ChooseFamilyMemberOptions, ChooseFamilyMemberResult } from '../family/chooseFamilyMemberDialog';
import { DialogIds } from '../ids';
import { family } from '../messages/family';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';
import { AUTHORIZATION_LIST_DIALOG, AuthorizationListDialog, AuthorizationListOptions } from './authorizationListDialog';
import { PAGED_LIST_DIALOG, PagedListDialog, PagedListOptions } from './pagedListDialog';

const VIEW = 'authorizationStatus.view';
const STEPS = 'authorizationStatus.steps';

interface Values {
  requesterId: string;
  member: { affiliateId: string; fullName?: string };
}

type StatusStep<R = unknown> = Step<Values, R>;
type View = 'authorizations' | 'requests';

export function requestItem(r: AuthorizationRequest, supports: string[] = []): string {
  return texts.requestItem({
    filingNumber: r.filingNumber,
    service: r.serviceName ? `${r.serviceName}${r.serviceCode ? ` (${r.serviceCode})` : ''}` : undefined,
    status: AUTHORIZATION_REQUEST_STATUS_LABELS[r.status],
    created: formatNumericDate(r.createdAt),
    justification: r.justification,
    rejectionReason: r.status === 'rechazada' ? r.rejectionReason : undefined,
    observation: r.observation,
    supports,
  });
}

export class AuthorizationStatusDialog extends ComponentDialog {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    nucleus: FamilyNucleusService,
    private readonly service: AuthorizationStatusService,
    private readonly profiles?: MemberProfileService,
  ) {
    super(DialogIds.authorizationStatus);
    // Registered here, not only in MainDialog: a reprompt (\"ayuda\") looks for it in this component's own set.
    this.addDialog(new ChooseFamilyMemberDialog(session, nucleus));
    this.addDialog(new OptionsPrompt(VIEW));
    this.addDialog(new PagedListDialog());
    this.addDialog(new AuthorizationListDialog(service));
    this.addDialog(
      waterfall<Values>(STEPS, [
        this.chooseMemberStep.bind(this),
        this.chooseViewStep.bind(this),
        this.showViewStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** Whose authorizations: any member of the nucleus, also one whose affiliation ended (history stays). */
  private async chooseMemberStep(step: StatusStep): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog();
    step.values.requesterId = current.affiliateId;
    const options: ChooseFamilyMemberOptions = { question: texts.statusChooseMember, onlyActive: false };
    return step.beginDialog(DialogIds.chooseFamilyMember, options);
  }

  /** What to see of the member: the authorizations, or the requests filed. */
  private async chooseViewStep(step: StatusStep<ChooseFamilyMemberResult>): Promise<DialogTurnResult> {
    const member = step.result;
    if (!member) return step.endDialog();
    const fullName = member.isSelf ? undefined : member.fullName;
    step.values.member = { affiliateId: member.affiliateId, fullName };
    const current = await this.session.get(step.context);
    // Another member: who they are for the EPS (status, regime, type, IPS) before what to see of them.
    const profile = fullName && current && this.profiles ? await this.profiles.profile(current.affiliateId, member.affiliateId) : undefined;
    const views: ChoiceOption<View>[] = [
      { value: 'authorizations', title: texts.statusViewAuthorizations, synonyms: ['historial', 'autorizacion'] },
      { value: 'requests', title: texts.statusViewRequests, synonyms: ['solicitud', 'pendientes', 'radicados'] },
    ];
    const prompt: OptionsPromptOptions = {
      question: profile ? `${family.memberProfile(profile)}\n${texts.statusChooseView(fullName)}` : texts.statusChooseView(fullName),
      options: views,
      help: texts.statusViewHelp,
    };
    return step.prompt(VIEW, prompt);
  }

  /** Hands over to the paged list of what was chosen (replacing this dialog: nothing follows it). */
  private async showViewStep(step: StatusStep<ChoiceOption<View>>): Promise<DialogTurnResult> {
    const { requesterId, member } = step.values;
    if (step.result.value === 'authorizations') {
      const options: AuthorizationListOptions = { requesterId, memberId: member.affiliateId, memberName: member.fullName };
      return step.replaceDialog(AUTHORIZATION_LIST_DIALOG, options);
    }
    const requests = await this.service.requestsWithSupports(requesterId, member.affiliateId);
    if (requests.length === 0) {
      await step.context.sendActivity(texts.noRequests(member.fullName));
      return step.endDialog();
    }
    const page: PagedListOptions = { title: texts.requestsTitle, items: requests.map((r) => requestItem(r.request, r.supports)) };
    return step.replaceDialog(PAGED_LIST_DIALOG, page);
  }
}
