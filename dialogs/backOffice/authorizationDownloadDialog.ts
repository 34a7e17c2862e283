// "descargar 2026100001": the issued authorization of a member of the affiliate's nucleus, as a PDF.
import { ActivityTypes, StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { DomainError } from '../../src/domain/errors';
import { AuthSession } from '../../src/domain/session';
import { AuthorizationDocumentService } from '../../src/services/backOffice/authorizationDocumentService';
import { DialogIds } from '../ids';
import { backOffice as texts } from '../messages/backOffice';
import { Step, waterfall } from '../waterfall';

const STEPS = 'authorizationDownload.steps';

export interface AuthorizationDownloadOptions {
  number: string;
}

export class AuthorizationDownloadDialog extends ComponentDialog<AuthorizationDownloadOptions> {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    private readonly documents: Pick<AuthorizationDocumentService, 'forRequester'>,
  ) {
    super(DialogIds.authorizationDownload);
    this.addDialog(waterfall<object, AuthorizationDownloadOptions>(STEPS, [this.sendPdfStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Sends the PDF when the number belongs to the nucleus; the same "not found" otherwise. */
  private async sendPdfStep(step: Step<object, unknown, AuthorizationDownloadOptions>): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog();
    const { number } = step.options;
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
