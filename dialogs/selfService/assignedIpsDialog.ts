// "La información de la IPS de atención" (manual, section 10): where the logged-in affiliate is attended —
// name, address, phone, municipality and how to get there in words. Nothing to ask, so no prompt.
import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AuthSession } from '../../src/domain/session';
import { AssignedIpsService } from '../../src/services/selfService/assignedIpsService';
import { DialogIds } from '../ids';
import { selfService as texts } from '../messages/selfService';

const STEPS = 'assignedIps.steps';

export class AssignedIpsDialog extends ComponentDialog {
  constructor(
    private readonly session: StatePropertyAccessor<AuthSession | undefined>,
    private readonly service: AssignedIpsService,
  ) {
    super(DialogIds.assignedIps);
    this.addDialog(new WaterfallDialog(STEPS, [this.showIpsStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async showIpsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const current = await this.session.get(step.context);
    if (!current) return step.endDialog();
    const ips = await this.service.assignedTo(current.affiliateId);
    await step.context.sendActivity(
      ips
        ? texts.ipsCard(
            { name: ips.name, address: ips.address, municipality: ips.municipalityLabel, phone: ips.phone, directions: ips.directions },
            texts.ipsWhoseOwn,
          )
        : texts.noIps,
    );
    return step.endDialog();
  }
}
