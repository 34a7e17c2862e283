// "Generar Certificados" (manual, section 10): the affiliation certificate of a member of the nucleus, or
// the family-nucleus certificate, sent as a PDF attachment (each channel delivers it its own way).
import { Attachment, StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AuthSession } from '../../src/domain/session';
import { CertificateKind } from '../../src/services/ports/selfService';
import { CertificateService, IssuedCertificate } from '../../src/services/selfService/certificateService';
import { FamilyNucleusService } from '../../src/services/family/familyNucleus';
import { ChooseFamilyMemberDialog, ChooseFamilyMemberOptions, ChooseFamilyMemberResult } from '../family/chooseFamilyMemberDialog';
import { DialogIds } from '../ids';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';

const KIND = 'certificates.kind';
const STEPS = 'certificates.steps';

interface Values {
  requesterId: string;
  kind: CertificateKind;
}

export function pdfAttachment(certificate: IssuedCertificate): Attachment {
  return {
    contentType: 'application/pdf',
    name: certificate.fileName,
    contentUrl: `data:application/pdf;base64,${certificate.pdf.toString('base64')}`,
  };
}

export class CertificatesDialog extends ComponentDialog {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    nucleus: FamilyNucleusService,
    private readonly service: CertificateService,
  ) {
    super(DialogIds.certificates);
    // Registered here, not only in MainDialog: a reprompt (\"ayuda\") looks for it in this component's own set.
    this.addDialog(new ChooseFamilyMemberDialog(session, nucleus));
    this.addDialog(new OptionsPrompt(KIND));
    this.addDialog(
      new WaterfallDialog(STEPS, [this.chooseKindStep.bind(this), this.chooseMemberStep.bind(this), this.sendCertificateStep.bind(this)]),
    );
    this.initialDialogId = STEPS;
  }

  private async chooseKindStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog();
    (step.values as Values).requesterId = current.affiliateId;
    const prompt: OptionsPromptOptions = {
      question: texts.certificateQuestion,
      options: [
        { value: 'affiliation', title: texts.certificateAffiliation, synonyms: ['afiliacion', 'afiliado'] },
        { value: 'family_nucleus', title: texts.certificateNucleus, synonyms: ['nucleo', 'familiar', 'familia', 'grupo familiar'] },
      ],
      help: texts.certificateHelp,
    };
    return step.prompt(KIND, prompt);
  }

  /** The affiliation certificate may be for any member; the nucleus one is the same for all. */
  private async chooseMemberStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const kind = (step.result as ChoiceOption).value as CertificateKind;
    (step.values as Values).kind = kind;
    if (kind === 'family_nucleus') return step.next(undefined);
    const options: ChooseFamilyMemberOptions = { question: texts.certificateChooseMember, onlyActive: false };
    return step.beginDialog(DialogIds.chooseFamilyMember, options);
  }

  private async sendCertificateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { requesterId, kind } = step.values as Values;
    const member = step.result as ChooseFamilyMemberResult;
    if (kind === 'affiliation' && !member) return step.endDialog();
    const certificate = await this.service.issue(requesterId, kind, member?.affiliateId);
    const what =
      kind === 'affiliation' && member && !member.isSelf
        ? texts.certificateWhat.affiliation(member.fullName)
        : kind === 'affiliation'
          ? texts.certificateAffiliation.toLowerCase()
          : texts.certificateWhat.family_nucleus();
    await step.context.sendActivity({
      text: texts.certificateReady(what, certificate.code, this.service.verificationUrl(certificate.code)),
      attachments: [pdfAttachment(certificate)],
    });
    return step.endDialog();
  }
}
