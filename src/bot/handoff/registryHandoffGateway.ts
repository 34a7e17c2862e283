// Reaches a user outside their own turn, on the channel they wrote from (ChannelRegistry): agent replies,
// notices about the handoff, the Bot Framework handoff status events, and the hand-back to the bot.
import { Activity, ActivityTypes, ConversationAccount, EventFactory, TurnContext } from 'botbuilder';
import { handoff as texts } from '../../../dialogs/messages/handoff';
import { optionsActivity } from '../../../dialogs/prompts/optionsPrompt';
import { ChannelRegistry } from '../../channels/channelRegistry';
import { ChannelUnavailableError, Handoff } from '../../domain/handoff';
import { Agent, AgentGender, agentTitle } from '../../domain/handoffAgent';
import type { AgentFile, HandoffChannelGateway, HandoffNotice } from '../../services/ports/handoff';
import { BotResumer } from './dialogResumer';
import { markAgentTurn } from './turnAuthor';

/** The activities that tell the user about a change, in their words. */
export function noticeActivities(notice: HandoffNotice): Partial<Activity>[] {
  switch (notice.kind) {
    case 'agent_joined':
      return [agentText(texts.agentJoined(notice.agentName, agentTitle({ gender: notice.agentGender })), { name: notice.agentName, gender: notice.agentGender })];
    case 'transferred':
      return [text(texts.transferred(notice.agentName, agentTitle({ gender: notice.agentGender })))];
    case 'resolved':
      return [text(texts.resolved)];
    case 'expired':
      return [optionsActivity(texts.expired(notice.minutes), texts.expiredOptions.map((title, i) => ({ value: String(i + 1), title })))];
  }
}

const STATUS_OF: Partial<Record<HandoffNotice['kind'], 'accepted' | 'failed' | 'completed'>> = {
  agent_joined: 'accepted',
  expired: 'failed',
  resolved: 'completed',
};

export class RegistryHandoffGateway implements HandoffChannelGateway {
  constructor(
    private readonly registry: ChannelRegistry,
    private readonly resumer: BotResumer,
  ) {}

  async reply(handoff: Handoff, agent: Pick<Agent, 'id' | 'name' | 'gender'>, message: { text?: string; file?: AgentFile }): Promise<void> {
    const activities: Partial<Activity>[] = [];
    if (message.text?.trim()) activities.push(agentText(message.text.trim(), { name: firstName(agent.name), gender: agent.gender }));
    if (message.file) activities.push(fileActivity(message.file, message.text?.trim() ? undefined : texts.agentFileCaption));
    if (activities.length === 0) return;
    await this.run(handoff, async (context) => {
      markAgentTurn(context, agent.id);
      await context.sendActivities(activities);
    });
  }

  async notify(handoff: Handoff, notice: HandoffNotice): Promise<void> {
    await this.run(handoff, async (context) => {
      // The greeting speaks in the agent's name: the console files it under them, not under the bot.
      if (notice.kind === 'agent_joined') markAgentTurn(context, notice.agentId);
      await context.sendActivities(noticeActivities(notice));
      await this.sendStatus(context, notice);
    });
  }

  async handBack(handoff: Handoff, notice: HandoffNotice): Promise<void> {
    await this.run(handoff, async (context) => {
      await context.sendActivities(noticeActivities(notice));
      await this.sendStatus(context, notice);
      await this.resumer.resume(context);
    });
  }

  private async sendStatus(context: TurnContext, notice: HandoffNotice): Promise<void> {
    const state = STATUS_OF[notice.kind];
    if (!state) return;
    // Hubs that understand handoff events read this; channels that do not (WhatsApp) drop non-messages.
    await context.sendActivity(EventFactory.createHandoffStatus(context.activity.conversation as ConversationAccount, state));
  }

  private async run(handoff: Handoff, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (!this.registry.adapterFor(handoff.channel)) throw new ChannelUnavailableError(handoff.channel);
    await this.registry.continueConversation(handoff.reference, logic);
  }
}

function text(value: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text: value };
}

/**
 * A message written by (or introducing) a person: channelData.agent lets channels that can show who is
 * talking (the web chat page: name and avatar) tell it apart from the bot. Others show the text.
 */
function agentText(value: string, agent: { name: string; gender?: AgentGender }): Partial<Activity> {
  return { type: ActivityTypes.Message, text: value, channelData: { agent: { name: agent.name, gender: agent.gender ?? 'M' } } };
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** Outbound files travel as data: URLs; each channel sends them its own way (docs/conversation-conventions.md, Files). */
function fileActivity(file: AgentFile, caption?: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text: caption,
    attachments: [{ contentType: file.contentType, name: file.name, contentUrl: `data:${file.contentType};base64,${file.bytes.toString('base64')}` }],
  };
}
