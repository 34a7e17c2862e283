// "Solicitud de autorizaciones" (the manual's section 8, docs/manual-map.md) in conversation: family member →
// contact data → municipality of residence → observation → PDF supports → summary → filing number and due
// date. Every answer lives in the draft, so a correction from the summary keeps the rest, and a step whose
// value is known is skipped.
import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogInstance, DialogReason, DialogTurnResult } from 'botbuilder-dialogs';
import { AuthSession } from '../../src/domain/session';
import { formatSpanishDate } from '../../src/domain/spanishDate';
import { AuthorizationFilingService, FilingError, SupportRejectedError } from '../../src/services/authorizationRequests/authorizationFilingService';
import { StagedFiles } from '../../src/services/authorizationRequests/ports';
import { SupportIntake } from '../../src/services/media/supportIntake';
import { ContactDataService } from '../../src/services/family/contactDataService';
import { FamilyNucleusService } from '../../src/services/family/familyNucleusService';
import type { MemberProfileService } from '../../src/services/family/memberProfileService';
import { ChooseFamilyMemberDialog, ChosenFamilyMember } from '../family/chooseFamilyMemberDialog';
import { AuthorizationDraft, filingKey, stagedIdsIn, withoutAnswer } from './authorizationDraft';
import { ConfirmContactDataDialog, ConfirmContactDataOptions } from '../family/confirmContactDataDialog';
import { DialogIds } from '../ids';
import { authorizations as t } from '../messages/authorizations';
import { CHOOSE_PLACE_DIALOG, ChoosePlaceDialog, ChoosePlaceOptions, ChosenPlace } from './choosePlaceDialog';
import { COLLECT_SUPPORTS_DIALOG, CollectedSupport, CollectSupportsDialog } from './collectSupportsDialog';
import { CONFIRM_REQUEST_DIALOG, ConfirmRequestChoice, ConfirmRequestDialog, ConfirmRequestOptions } from './confirmRequestDialog';
import { ObservationPrompt } from './observationPrompt';
import { Step, waterfall } from '../waterfall';

export interface RequestAuthorizationDeps {
  session: StatePropertyAccessor<AuthSession | undefined>;
  nucleus: FamilyNucleusService;
  contactData: ContactDataService;
  filing: AuthorizationFilingService;
  /** Takes each file in (a photo becomes a PDF) and checks it. */
  supportIntake: SupportIntake;
  staged: Pick<StagedFiles, 'remove'>;
  /** Shows another member's status, regime, type and IPS after they are chosen. */
  profiles?: MemberProfileService;
}

/** What the dialog ends with once the request is filed (nothing when it was abandoned or refused). */
export interface FiledAuthorizationRequest {
  filingNumber: string;
  dueDate: string;
}

const STEPS = 'requestAuthorization.steps';
const OBSERVATION = 'requestAuthorization.observation';

interface Values {
  /** Made from the options on the first step; a correction restarts the waterfall with it as options. */
  draft?: AuthorizationDraft;
}

type RequestStep<R = unknown> = Step<Values, R, AuthorizationDraft>;

export class RequestAuthorizationDialog extends ComponentDialog<AuthorizationDraft> {
  constructor(private readonly deps: RequestAuthorizationDeps) {
    super(DialogIds.requestAuthorization);
    this.addDialog(new ChooseFamilyMemberDialog(deps.session, deps.nucleus));
    this.addDialog(new ConfirmContactDataDialog(deps.session, deps.contactData, deps.profiles));
    this.addDialog(new ChoosePlaceDialog());
    this.addDialog(new CollectSupportsDialog(deps.supportIntake, deps.staged));
    this.addDialog(new ConfirmRequestDialog());
    this.addDialog(new ObservationPrompt(OBSERVATION));
    this.addDialog(
      waterfall<Values, AuthorizationDraft>(STEPS, [
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

  private draft(step: RequestStep): AuthorizationDraft {
    step.values.draft ??= { ...step.options };
    return step.values.draft;
  }

  /** Asks for whom the request is (any active member of the nucleus), unless a correction kept it. */
  private async chooseMemberStep(step: RequestStep): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.member) return step.next(draft.member);
    await step.context.sendActivity(t.intro);
    return step.beginDialog(DialogIds.chooseFamilyMember);
  }

  /** The answer goes to the member's contact data: confirmed or updated once per request. */
  private async confirmContactStep(step: RequestStep<ChosenFamilyMember | undefined>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const member = step.result;
    if (!member) return step.endDialog();
    if (!draft.member) await step.context.sendActivity(t.requestFor(member.fullName));
    draft.member = member;
    if (draft.contactConfirmed) return step.next();
    return step.beginDialog(DialogIds.confirmContactData, { affiliateId: member.affiliateId } satisfies ConfirmContactDataOptions);
  }

  /** Proposes the municipality on the member's record. */
  private async choosePlaceStep(step: RequestStep): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.contactConfirmed = true;
    if (draft.place) return step.next(draft.place);
    if (draft.typePlace) return step.beginDialog(CHOOSE_PLACE_DIALOG, {} satisfies ChoosePlaceOptions);
    const session = await this.deps.session.get(step.context);
    const record = await this.deps.nucleus.findMember(session!.affiliateId, draft.member!.affiliateId);
    return step.beginDialog(CHOOSE_PLACE_DIALOG, { proposedMunicipalityCode: record.municipalityCode } satisfies ChoosePlaceOptions);
  }

  /** Asks what is needed (the observation the EPS reads), unless a correction kept it. */
  private async askObservationStep(step: RequestStep<ChosenPlace>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.place = step.result;
    if (draft.observation) return step.next(draft.observation);
    return step.prompt(OBSERVATION, ObservationPrompt.options());
  }

  /** Collects the PDF supports, unless a correction kept them. */
  private async collectSupportsStep(step: RequestStep<string>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.observation = step.result.trim();
    if (draft.supports?.length) return step.next(draft.supports);
    return step.beginDialog(COLLECT_SUPPORTS_DIALOG);
  }

  /** The summary, the note on when the answer comes, and "Enviar solicitud" or a correction. */
  private async confirmSummaryStep(step: RequestStep<CollectedSupport[]>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.supports = step.result;
    const summary: ConfirmRequestOptions = {
      member: draft.member!.fullName,
      place: t.municipalityRow(draft.place!.municipalityName, draft.place!.departmentName),
      observation: draft.observation!,
      supports: draft.supports.map((s) => s.name),
    };
    return step.beginDialog(CONFIRM_REQUEST_DIALOG, summary);
  }

  /** Files the request once (an idempotency key per waterfall run), or clears the answer to correct. */
  private async fileRequestStep(step: RequestStep<ConfirmRequestChoice>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const choice = step.result;
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
        idempotencyKey: filingKey(step.context, step.values.instanceId),
      });
      await step.context.sendActivity(t.filed(filed.request.filingNumber, formatSpanishDate(filed.earliestDate), formatSpanishDate(filed.dueDate)));
      await step.context.sendActivity(t.notified(filed.notifiedBy));
      return step.endDialog({ filingNumber: filed.request.filingNumber, dueDate: filed.dueDate } satisfies FiledAuthorizationRequest);
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
  private async correct(step: RequestStep, draft: AuthorizationDraft, what: Exclude<ConfirmRequestChoice, 'send'>): Promise<DialogTurnResult> {
    if (what === 'supports') await Promise.all((draft.supports ?? []).map((s) => this.deps.staged.remove(s.stagedId)));
    return step.replaceDialog(STEPS, withoutAnswer(draft, what));
  }
}
