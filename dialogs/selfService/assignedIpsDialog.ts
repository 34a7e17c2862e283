// "La información de la IPS de atención" (the manual's section 10, docs/manual-map.md): where a member of the
// nucleus is attended — name, address, phone, municipality and how to get there in words. With a nucleus of
// one nothing is asked; otherwise the member is chosen first, and their status, regime and type are shown
// with the IPS.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { AuthSession } from '../../src/domain/session';
import type { FamilyNucleusService } from '../../src/services/family/familyNucleusService';
import type { MemberProfileService } from '../../src/services/family/memberProfileService';
import { AssignedIpsService } from '../../src/services/selfService/assignedIpsService';
import { ChooseFamilyMemberDialog, ChooseFamilyMemberOptions, ChooseFamilyMemberResult } from '../family/chooseFamilyMemberDialog';
import { DialogIds } from '../ids';
import { family } from '../messages/family';
import { selfService as texts } from '../messages/selfService';
import { Step, waterfall } from '../waterfall';

const STEPS = 'assignedIps.steps';

export class AssignedIpsDialog extends ComponentDialog {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    private readonly service: AssignedIpsService,
    private readonly nucleus?: FamilyNucleusService,
    private readonly profiles?: MemberProfileService,
  ) {
    super(DialogIds.assignedIps);
    if (nucleus) this.addDialog(new ChooseFamilyMemberDialog(session, nucleus));
    this.addDialog(waterfall(STEPS, [this.chooseMemberStep.bind(this), this.showIpsStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Whose IPS: asked only when the nucleus has more than one member. */
  private async chooseMemberStep(step: Step): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog();
    const self: ChooseFamilyMemberResult = { affiliateId: current.affiliateId, fullName: '', isSelf: true };
    if (!this.nucleus || (await this.nucleus.listMembers(current.affiliateId)).length <= 1) return step.next(self);
    const options: ChooseFamilyMemberOptions = { question: texts.ipsChooseMember, onlyActive: false };
    return step.beginDialog(DialogIds.chooseFamilyMember, options);
  }

  /** The IPS card (and another member's profile above it), or why there is none. */
  private async showIpsStep(step: Step<object, ChooseFamilyMemberResult>): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    const member = step.result;
    if (!current || !member) return step.endDialog();
    const ips = await this.service.assignedTo(current.affiliateId, member.affiliateId);
    const profile = !member.isSelf && this.profiles ? await this.profiles.profile(current.affiliateId, member.affiliateId) : undefined;
    if (profile) await step.context.sendActivity(family.memberProfile(profile));
    const whose = member.isSelf ? texts.ipsWhoseOwn : texts.ipsWhoseMember(member.fullName);
    await step.context.sendActivity(
      ips
        ? texts.ipsCard({ name: ips.name, address: ips.address, municipality: ips.municipalityLabel, phone: ips.phone, directions: ips.directions }, whose)
        : member.isSelf
          ? texts.noIps
          : texts.noIpsMember(member.fullName),
    );
    return step.endDialog();
  }
}
