// "Opción Autorizaciones" (the manual's section 9, docs/manual-map.md): a member's authorizations, newest
// first, a few at a time, with the requests still pending with the EPS on top; filtered by service code or
// name on request.
import { ComponentDialog, DialogTurnResult } from 'botbuilder-dialogs';
import { AUTHORIZATION_REQUEST_STATUS_LABELS, AUTHORIZATION_STATUS_LABELS } from '../../src/domain/model';
import { formatNumericDate } from '../../src/domain/spanishDate';
import { AuthorizationStatusService, AuthorizationView } from '../../src/services/selfService/authorizationStatusService';
import { selfService as texts } from '../messages/selfService';
import { Step, waterfall } from '../waterfall';
import { PAGED_LIST_DIALOG, PagedListDialog, PagedListOptions, PagedListResult } from './pagedListDialog';

export const AUTHORIZATION_LIST_DIALOG = 'selfService.authorizationList';

export interface AuthorizationListOptions {
  requesterId: string;
  memberId: string;
  /** undefined when the requester looks at her own: "No tienes…" rather than her own name. */
  memberName?: string;
  filter?: string;
  /** The pending-requests summary is said once, not again after each filter. */
  pendingShown?: boolean;
}

const STEPS = 'selfService.authorizationList.steps';

type ListStep<R = unknown> = Step<object, R, AuthorizationListOptions>;

export function authorizationItem(a: AuthorizationView): string {
  return texts.authorizationItem({
    number: a.number,
    serviceName: a.serviceName,
    serviceCode: a.serviceCode,
    providerIpsName: a.providerIpsName,
    status: AUTHORIZATION_STATUS_LABELS[a.status],
    issued: formatNumericDate(a.issuedAt),
    expires: formatNumericDate(a.expiresAt),
    downloadable: a.verificationCode !== undefined,
  });
}

export class AuthorizationListDialog extends ComponentDialog<AuthorizationListOptions> {
  constructor(private readonly service: AuthorizationStatusService) {
    super(AUTHORIZATION_LIST_DIALOG);
    this.addDialog(new PagedListDialog());
    this.addDialog(waterfall<object, AuthorizationListOptions>(STEPS, [this.showListStep.bind(this), this.afterListStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** The pending requests once, then the authorizations (filtered when asked) through the pager. */
  private async showListStep(step: ListStep): Promise<DialogTurnResult> {
    const o = step.options;
    if (!o.pendingShown) {
      const pending = await this.service.pendingRequests(o.requesterId, o.memberId);
      const items = pending.map((r) =>
        texts.pendingItem(r.filingNumber, AUTHORIZATION_REQUEST_STATUS_LABELS[r.status], formatNumericDate(r.createdAt)),
      );
      if (items.length > 0) await step.context.sendActivity(texts.pendingSummary(items));
    }
    const list = await this.service.authorizations(o.requesterId, o.memberId, o.filter);
    if (list.length === 0 && !o.filter) {
      await step.context.sendActivity(texts.noAuthorizations(o.memberName));
      return step.endDialog();
    }
    // An empty filtered list still goes to the pager: it offers searching again or seeing them all.
    if (list.length === 0) await step.context.sendActivity(texts.noAuthorizationsForFilter(o.filter ?? ''));
    const page: PagedListOptions = {
      title: o.filter ? texts.filteredTitle(o.filter) : texts.authorizationsTitle,
      items: list.map(authorizationItem),
      filterable: true,
      filtered: Boolean(o.filter),
    };
    return step.beginDialog(PAGED_LIST_DIALOG, page);
  }

  /** A search typed at the pager queries again (the service filters); anything else ends. */
  private async afterListStep(step: ListStep<PagedListResult | undefined>): Promise<DialogTurnResult> {
    const result = step.result;
    if (result?.action !== 'filter') return step.endDialog();
    const o = step.options;
    const next: AuthorizationListOptions = { ...o, filter: result.text || undefined, pendingShown: true };
    return step.replaceDialog(STEPS, next);
  }
}
