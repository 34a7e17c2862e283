// "Solicitud de autorizaciones" (manual, section 8) in conversation: family member → contact data →
// municipality of residence → observation → PDF supports → summary → filing number and due date.
// Every answer lives in the draft, so a correction from the summary keeps the rest, and a step whose
// value is known is skipped.
import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogInstance, DialogReason, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AuthSession } from '../../src/domain/session';
import { formatSpanishDate } from '../../src/domain/spanishDate';
import { AuthorizationFilingService, FilingError, SupportRejectedError } from '../../src/services/authorizationRequests/authorizationFilingService';
import { StagedFiles } from '../../src/services/authorizationRequests/ports';
import { SupportChecker } from '../../src/services/authorizationRequests/supportCheck';
import { ContactDataService } from '../../src/services/family/contactDataService';
import { FamilyNucleusService } from '../../src/services/family/familyNucleus';
import type { MemberProfileService } from '../../src/services/family/memberProfileService';
import { ChooseFamilyMemberDialog, ChosenFamilyMember } from '../family/chooseFamilyMemberDialog';
import { AuthorizationDraft, filingKey, stagedIdsIn, withoutAnswer } from './authorizationDraft';
import { ConfirmContactDataDialog } from '../family/confirmContactDataDialog';
import { DialogIds } from '../ids';
import { authorizations as t } from '../messages/authorizations';
import { CHOOSE_PLACE_DIALOG, ChoosePlaceDialog, ChoosePlaceOptions, ChosenPlace } from './choosePlaceDialog';
import { COLLECT_SUPPORTS_DIALOG, CollectedSupport, CollectSupportsDialog } from './collectSupportsDialog';
import { CONFIRM_REQUEST_DIALOG, ConfirmRequestChoice, ConfirmRequestDialog, ConfirmRequestOptions } from './confirmRequestDialog';
import { ObservationPrompt } from './observationPrompt';

export interface RequestAuthorizationDeps {
  session: StatePropertyAccessor<AuthSession | undefined>;
  nucleus: FamilyNucleusService;
  contactData: ContactDataService;
  filing: AuthorizationFilingService;
  checkSupport: SupportChecker;
  staged: Pick<StagedFiles, 'remove'>;
  /** Shows another member's status, regime, type and IPS after they are chosen. */
  profiles?: MemberProfileService;
}

const STEPS = 'requestAuthorization.steps';
const OBSERVATION = 'requestAuthorization.observation';

export class RequestAuthorizationDialog extends ComponentDialog {
  constructor(private readonly deps: RequestAuthorizationDeps) {
    super(DialogIds.requestAuthorization);
    this.addDialog(new ChooseFamilyMemberDialog(deps.session, deps.nucleus));
    this.addDialog(new ConfirmContactDataDialog(deps.session, deps.contactData, deps.profiles));
    this.addDialog(new ChoosePlaceDialog());
    this.addDialog(new CollectSupportsDialog(deps.checkSupport, deps.staged));
    this.addDialog(new ConfirmRequestDialog());
    this.addDialog(new ObservationPrompt(OBSERVATION));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.chooseMemberStep.bind(this),
        this.confirmContactStep.bind(this),
        this.choosePlaceStep.bind(this),
        this.askObservationStep.bind(this),
        this.collectSupportsStep.bind(this),
        this.confirmSummaryStep.bind(this),
        this.fileRequestStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** An abandoned request leaves no supports behind in the staging area. */
  override async endDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    if (reason === DialogReason.cancelCalled) await Promise.all(stagedIdsIn(instance.state).map((id) => this.deps.staged.remove(id)));
    await super.endDialog(context, instance, reason);
  }

  private draft(step: WaterfallStepContext): AuthorizationDraft {
    const values = step.values as { draft?: AuthorizationDraft };
    values.draft ??= { ...((step.options ?? {}) as AuthorizationDraft) };
    return values.draft;
  }

  private async chooseMemberStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.member) return step.next(draft.member);
    await step.context.sendActivity(t.intro);
    return step.beginDialog(DialogIds.chooseFamilyMember);
  }

  private async confirmContactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const member = step.result as ChosenFamilyMember | undefined;
    if (!member) return step.endDialog();
    if (!draft.member) await step.context.sendActivity(t.requestFor(member.fullName));
    draft.member = member;
    if (draft.contactConfirmed) return step.next();
    return step.beginDialog(DialogIds.confirmContactData, { affiliateId: member.affiliateId });
  }

  /** Proposes the municipality on the member's record. */
  private async choosePlaceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.contactConfirmed = true;
    if (draft.place) return step.next(draft.place);
    if (draft.typePlace) return step.beginDialog(CHOOSE_PLACE_DIALOG, {} satisfies ChoosePlaceOptions);
    const session = await this.deps.session.get(step.context);
    const record = await this.deps.nucleus.findMember(session!.affiliateId, draft.member!.affiliateId);
    return step.beginDialog(CHOOSE_PLACE_DIALOG, { proposedMunicipalityCode: record.municipalityCode } satisfies ChoosePlaceOptions);
  }

  private async askObservationStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.place = step.result as ChosenPlace;
    if (draft.observation) return step.next(draft.observation);
    return step.prompt(OBSERVATION, ObservationPrompt.options() as never);
  }

  private async collectSupportsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.observation = (step.result as string).trim();
    if (draft.supports?.length) return step.next(draft.supports);
    return step.beginDialog(COLLECT_SUPPORTS_DIALOG);
  }

  /** The summary, the manual's note, and "Enviar solicitud" or a correction. */
  private async confirmSummaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.supports = step.result as CollectedSupport[];
    const summary: ConfirmRequestOptions = {
      member: draft.member!.fullName,
      place: t.municipalityRow(draft.place!.municipalityName, draft.place!.departmentName),
      observation: draft.observation!,
      supports: draft.supports.map((s) => s.name),
    };
    return step.beginDialog(CONFIRM_REQUEST_DIALOG, summary);
  }

  private async fileRequestStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const choice = step.result as ConfirmRequestChoice;
    if (choice !== 'send') return this.correct(step, draft, choice);
    const session = (await this.deps.session.get(step.context))!;
    try {
      const filed = await this.deps.filing.file({
        accountId: session.accountId,
        requesterAffiliateId: session.affiliateId,
        memberAffiliateId: draft.member!.affiliateId,
        municipalityCode: draft.place!.municipalityCode,
        observation: draft.observation!,
        supports: draft.supports!.map((s) => ({ stagedId: s.stagedId, originalName: s.name })),
        idempotencyKey: filingKey(step.context, String((step.values as { instanceId?: string }).instanceId)),
      });
      await step.context.sendActivity(t.filed(filed.request.filingNumber, formatSpanishDate(filed.earliestDate), formatSpanishDate(filed.dueDate)));
      await step.context.sendActivity(t.notified(filed.notifiedBy));
      return step.endDialog({ filingNumber: filed.request.filingNumber, dueDate: filed.dueDate });
    } catch (error) {
      if (error instanceof SupportRejectedError) {
        await step.context.sendActivity(t.supportExpired);
        return this.correct(step, draft, 'supports');
      }
      if (error instanceof FilingError && error.code === 'member_inactive') {
        await step.context.sendActivity(t.memberInactive);
        return step.endDialog();
      }
      throw error;
    }
  }

  /** Clears one answer and runs the flow again: every other answer is kept. */
  private async correct(step: WaterfallStepContext, draft: AuthorizationDraft, what: Exclude<ConfirmRequestChoice, 'send'>): Promise<DialogTurnResult> {
    if (what === 'supports') await Promise.all((draft.supports ?? []).map((s) => this.deps.staged.remove(s.stagedId)));
    return step.replaceDialog(STEPS, withoutAnswer(draft, what));
  }
}
