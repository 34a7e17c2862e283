// The first step of an authorization request (the manual's section 8, docs/manual-map.md) and of every task
// done for a family member: the nucleus as a numbered list with names, relationship and masked document. Ends
// with a ChosenFamilyMember, or undefined when nobody can be chosen (no session, nobody active).
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { Affiliate, fullName, RELATIONSHIP_LABELS } from '../../src/domain/model';
import { maskDocument } from '../../src/domain/documents';
import { AuthSession } from '../../src/domain/session';
import { FamilyNucleusService } from '../../src/services/family/familyNucleusService';
import { DialogIds } from '../ids';
import { family } from '../messages/family';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';

/** What the dialog ends with. */
export interface ChosenFamilyMember {
  affiliateId: string;
  fullName: string;
  /** True when the logged-in affiliate chose herself. */
  isSelf: boolean;
}

export type ChooseFamilyMemberResult = ChosenFamilyMember | undefined;

export interface ChooseFamilyMemberOptions {
  /** Replaces the default question ("¿Para quién es el trámite?"). */
  question?: string;
  /** Leave out members whose affiliation is not active (they may not file requests). Default true. */
  onlyActive?: boolean;
}

interface Listed {
  members: { id: string; name: string }[];
  self: string;
}

const PROMPT = 'chooseFamilyMember.prompt';
const STEPS = 'chooseFamilyMember.steps';

type ChooseStep<R = unknown> = Step<Listed, R, ChooseFamilyMemberOptions>;

/** "CC ******8901": enough to recognise a relative, too little to reuse the number. */
export function memberDocumentLabel(a: Pick<Affiliate, 'documentType' | 'documentNumber'>): string {
  return `${a.documentType} ${maskDocument(a.documentNumber)}`;
}

export function memberOption(a: Affiliate): ChoiceOption {
  const name = fullName(a);
  return {
    value: a.id,
    title: family.memberRow(name, RELATIONSHIP_LABELS[a.relationship], memberDocumentLabel(a)),
    synonyms: [name, a.firstNames],
  };
}

export class ChooseFamilyMemberDialog extends ComponentDialog<ChooseFamilyMemberOptions> {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    private readonly nucleus: FamilyNucleusService,
  ) {
    super(DialogIds.chooseFamilyMember);
    this.addDialog(new OptionsPrompt(PROMPT));
    this.addDialog(waterfall<Listed, ChooseFamilyMemberOptions>(STEPS, [this.askMemberStep.bind(this), this.endWithMemberStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Lists the nucleus; with a single eligible member there is nothing to ask. */
  private async askMemberStep(step: ChooseStep): Promise<DialogTurnResult> {
    const options = step.options;
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog(undefined);
    const members = await this.nucleus.listMembers(current.affiliateId);
    const eligible = options.onlyActive === false ? members : members.filter((m) => m.status === 'activo');
    // Only ids and names go to dialog state: it is stored, and needs nothing more.
    const listed: Listed = { members: eligible.map((m) => ({ id: m.id, name: fullName(m) })), self: current.affiliateId };
    Object.assign(step.values, listed);
    if (eligible.length === 0) {
      await step.context.sendActivity(family.noActiveMember);
      return step.endDialog(undefined);
    }
    if (eligible.length === 1 && eligible[0].id === current.affiliateId) {
      await step.context.sendActivity(family.onlyYou(eligible[0].firstNames.split(' ')[0]));
      return step.next({ value: eligible[0].id } satisfies Pick<ChoiceOption, 'value'>);
    }
    const hidden = members.length - eligible.length;
    const question = [options.question ?? family.chooseMember, hidden > 0 ? family.inactiveHidden(hidden) : '']
      .filter(Boolean)
      .join('\n');
    const prompt: OptionsPromptOptions = {
      question,
      options: eligible.map(memberOption),
      help: family.chooseMemberHelp,
      retryReason: family.chooseMemberRetry,
    };
    return step.prompt(PROMPT, prompt);
  }

  /** Ends with the member picked (id, name, whether it is the requester herself). */
  private async endWithMemberStep(step: ChooseStep<Pick<ChoiceOption, 'value'>>): Promise<DialogTurnResult> {
    const { members, self } = step.values;
    const chosen = members.find((m) => m.id === step.result.value);
    if (!chosen) return step.endDialog(undefined);
    const result: ChosenFamilyMember = { affiliateId: chosen.id, fullName: chosen.name, isSelf: chosen.id === self };
    return step.endDialog(result);
  }
}
