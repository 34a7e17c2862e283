// "Generar Certificados" (the manual's section 10, docs/manual-map.md): the affiliation certificate of a
// member of the nucleus, or the family-nucleus certificate, sent as a PDF attachment (each channel delivers
// it its own way).
import { Attachment, StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { AuthSession } from '../../src/domain/session';
import { CertificateKind } from '../../src/services/ports/selfService';
import { CertificateService, IssuedCertificate } from '../../src/services/selfService/certificateService';
import { FamilyNucleusService } from '../../src/services/family/familyNucleusService';
import { ChooseFamilyMemberDialog, ChooseFamilyMemberOptions, ChooseFamilyMemberResult } from '../family/chooseFamilyMemberDialog';
import { DialogIds } from '../ids';
import { selfService as texts } from '../messages/selfService';
import { OptionsPrompt, OptionsPromptOptions } from '../prompts/optionsPrompt';
import { ChoiceOption } from '../validators';
import { Step, waterfall } from '../waterfall';

const KIND = 'certificates.kind';
const STEPS = 'certificates.steps';

interface Values {
  requesterId: string;
  kind: CertificateKind;
}

type CertificateStep<R = unknown> = Step<Values, R>;

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
      waterfall<Values>(STEPS, [this.chooseKindStep.bind(this), this.chooseMemberStep.bind(this), this.sendCertificateStep.bind(this)]),
    );
    this.initialDialogId = STEPS;
  }

  /** Which certificate: affiliation (one member) or family nucleus (everyone). */
  private async chooseKindStep(step: CertificateStep): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog();
    step.values.requesterId = current.affiliateId;
    const kinds: ChoiceOption<CertificateKind>[] = [
      { value: 'affiliation', title: texts.certificateAffiliation, synonyms: ['afiliacion', 'afiliado'] },
      { value: 'family_nucleus', title: texts.certificateNucleus, synonyms: ['nucleo', 'familiar', 'familia', 'grupo familiar'] },
    ];
    const prompt: OptionsPromptOptions = { question: texts.certificateQuestion, options: kinds, help: texts.certificateHelp };
    return step.prompt(KIND, prompt);
  }

  /** The affiliation certificate may be for any member; the nucleus one is the same for all. */
  private async chooseMemberStep(step: CertificateStep<ChoiceOption<CertificateKind>>): Promise<DialogTurnResult> {
    const kind = step.result.value;
    step.values.kind = kind;
    if (kind === 'family_nucleus') return step.next(undefined);
    const options: ChooseFamilyMemberOptions = { question: texts.certificateChooseMember, onlyActive: false };
    return step.beginDialog(DialogIds.chooseFamilyMember, options);
  }

  /** Issues the PDF (with its verification code) and sends it as an attachment. */
  private async sendCertificateStep(step: CertificateStep<ChooseFamilyMemberResult>): Promise<DialogTurnResult> {
    const { requesterId, kind } = step.values;
    const member = step.result;
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
