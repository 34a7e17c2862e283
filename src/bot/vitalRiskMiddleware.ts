// Words of a life at risk, in any dialog, on any channel, also while an agent holds the conversation:
// what to do is said at once (urgencias without authorization, 123; for self-harm also the mental-health
// lines) and the conversation goes first in the agents' queue, marked urgent. The dialogs do not run
// for that message, so the task in progress waits where it was and resumes after the agent.
import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { emergency } from '../../dialogs/messages/emergency';
import { detectVitalRisk } from '../domain/vitalRisk';
import type { Logger } from '../observability/logger';
import type { HandoffStarter } from './ports';

export class VitalRiskMiddleware implements Middleware {
  constructor(
    private readonly deps: {
      /** Without it (no agents configured) the person still gets the guidance. */
      handoff?: HandoffStarter;
      logger: Logger;
    },
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    const risk = detectVitalRisk(context.activity.text);
    if (!risk) return next();
    // The kind and channel only: the words themselves are health data.
    this.deps.logger.warn('vital_risk_detected', { kind: risk.kind, channel: context.activity.channelId });
    await context.sendActivity(risk.kind === 'self_harm' ? emergency.selfHarm : emergency.emergency);
    await this.deps.handoff?.requestAgent(context, 'vital_risk');
  }
}
