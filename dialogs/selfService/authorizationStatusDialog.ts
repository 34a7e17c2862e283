// "Consulta Autorizaciones" (manual, section 9): choose a member of the family nucleus, then see either
// the authorizations (paged, filterable by service) or the requests with justification, creation date,
// status and rejection reason.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AUTHORIZATION_REQUEST_STATUS_LABELS, AuthorizationRequest } from '../../src/domain/model';
import { AuthSession } from '../../src/domain/session';
import { formatNumericDate } from '../../src/domain/spanishDate';
import { AuthorizationStatusService } from '../../src/services/selfService/authorizationStatusService';
import { FamilyNucleusService } from '../../src/services/family/familyNucleus';
import type { MemberProfileService } from '../../src/services/family/memberProfileService';
import { ChooseFamilyMemberDialog, ChooseFamilyMemberOptions, ChooseFamilyMemberResult } from '../family/chooseFamilyMemberDialog';
import { DialogIds } from '../ids';
import { family } from '../messages/family';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { AUTHORIZATION_LIST_DIALOG, AuthorizationListDialog, AuthorizationListOptions } from './authorizationListDialog';
import { PAGED_LIST_DIALOG, PagedListDialog, PagedListOptions } from './pagedListDialog';

const VIEW = 'authorizationStatus.view';
const STEPS = 'authorizationStatus.steps';

interface Values {
  requesterId: string;
  member: { affiliateId: string; fullName?: string };
}

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
      new WaterfallDialog(STEPS, [
        this.chooseMemberStep.bind(this),
        this.chooseViewStep.bind(this),
        this.showViewStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** Whose authorizations: any member of the nucleus, also one whose affiliation ended (history stays). */
  private async chooseMemberStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog();
    (step.values as Values).requesterId = current.affiliateId;
    const options: ChooseFamilyMemberOptions = { question: texts.statusChooseMember, onlyActive: false };
    return step.beginDialog(DialogIds.chooseFamilyMember, options);
  }

  private async chooseViewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const member = step.result as ChooseFamilyMemberResult;
    if (!member) return step.endDialog();
    const fullName = member.isSelf ? undefined : member.fullName;
    (step.values as Values).member = { affiliateId: member.affiliateId, fullName };
    const current = await this.session.get(step.context);
    // Another member: who they are for the EPS (status, regime, type, IPS) before what to see of them.
    const profile = fullName && current && this.profiles ? await this.profiles.profile(current.affiliateId, member.affiliateId) : undefined;
    const prompt: OptionsPromptOptions = {
      question: profile ? `${family.memberProfile(profile)}\n${texts.statusChooseView(fullName)}` : texts.statusChooseView(fullName),
      options: [
        { value: 'authorizations', title: texts.statusViewAuthorizations, synonyms: ['historial', 'autorizacion'] },
        { value: 'requests', title: texts.statusViewRequests, synonyms: ['solicitud', 'pendientes', 'radicados'] },
      ],
      help: texts.statusViewHelp,
    };
    return step.prompt(VIEW, prompt);
  }

  private async showViewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { requesterId, member } = step.values as Values;
    if ((step.result as ChoiceOption).value === 'authorizations') {
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
