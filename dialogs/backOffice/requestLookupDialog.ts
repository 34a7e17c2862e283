// "consulta AUT-2026-000006": the status of one request of the affiliate's nucleus, with the EPS's answer,
// its observation and how many supports it has; once approved, how to download the authorization.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { AUTHORIZATION_REQUEST_STATUS_LABELS } from '../../src/domain/model';
import { AuthSession } from '../../src/domain/session';
import { formatNumericDate } from '../../src/domain/spanishDate';
import { RequestLookupService } from '../../src/services/backOffice/requestLookupService';
import { DialogIds } from '../ids';
import { backOffice as texts } from '../messages/backOffice';
import { Step, waterfall } from '../waterfall';

const STEPS = 'requestLookup.steps';

export interface RequestLookupOptions {
  filingNumber: string;
}

export class RequestLookupDialog extends ComponentDialog<RequestLookupOptions> {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    private readonly service: RequestLookupService,
  ) {
    super(DialogIds.requestLookup);
    this.addDialog(waterfall<object, RequestLookupOptions>(STEPS, [this.showStatusStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** The request's status and the EPS's answer, when it belongs to the nucleus; "not found" otherwise. */
  private async showStatusStep(step: Step<object, unknown, RequestLookupOptions>): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    const { filingNumber } = step.options;
    if (!current) return step.endDialog();
    const found = await this.service.lookup(current.affiliateId, filingNumber);
    if (!found) {
      await step.context.sendActivity(texts.lookupNotFound(filingNumber));
      return step.endDialog();
    }
    const r = found.request;
    await step.context.sendActivity(
      texts.lookupStatus({
        filingNumber: r.filingNumber,
        member: found.memberName,
        status: AUTHORIZATION_REQUEST_STATUS_LABELS[r.status],
        filed: formatNumericDate(r.createdAt),
        due: formatNumericDate(r.dueDate),
        observation: r.observation,
        supports: found.supports,
      }),
    );
    const answer = r.status === 'rechazada' ? r.rejectionReason : r.justification;
    if (answer) await step.context.sendActivity(texts.lookupDecision(answer));
    if (found.authorizationNumber) await step.context.sendActivity(texts.lookupDownloadHint(found.authorizationNumber));
    return step.endDialog();
  }
}
