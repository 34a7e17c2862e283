// "descargar 2026100001": the issued authorization of a member of the affiliate's nucleus, as a PDF.
import { ActivityTypes, StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DomainError } from '../../src/domain/errors';
import { AuthSession } from '../../src/domain/session';
import { AuthorizationDocumentService } from '../../src/services/backOffice/authorizationDocumentService';
import { DialogIds } from '../ids';
import { backOffice as texts } from '../messages/backOffice';

const STEPS = 'authorizationDownload.steps';

export interface AuthorizationDownloadOptions {
  number: string;
}

export class AuthorizationDownloadDialog extends ComponentDialog {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    private readonly documents: Pick<AuthorizationDocumentService, 'forRequester'>,
  ) {
    super(DialogIds.authorizationDownload);
    this.addDialog(new WaterfallDialog(STEPS, [this.sendPdfStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async sendPdfStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog();
    const { number } = step.options as AuthorizationDownloadOptions;
    try {
      const document = await this.documents.forRequester(current.affiliateId, number);
      await step.context.sendActivity({
        type: ActivityTypes.Message,
        text: texts.authorizationPdfCaption,
        attachments: [{ contentType: 'application/pdf', name: document.fileName, contentUrl: `data:application/pdf;base64,${document.pdf.toString('base64')}` }],
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await step.context.sendActivity(texts.authorizationPdfNotFound);
    }
    return step.endDialog();
  }
}
