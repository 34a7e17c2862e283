// While an agent has (or is about to take) the conversation, the user's messages go to the console and the
// dialogs stay silent; "cancelar" or "salir" leaves the queue and the bot resumes. After an expiry, the
// user's next message answers the offer: go on with the bot, or have an agent write later.
import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { recognizeCommand } from '../../../dialogs/mainDialog';
import { handoff as texts } from '../../../dialogs/messages/handoff';
import { ChoiceOption, recognizeChoice } from '../../../dialogs/validators';
import { conversationKeyOf, Handoff, holdsConversation } from '../../domain/handoff';
import { Logger, pseudonym } from '../../observability/logger';
import { StagedFileStore } from '../../storage/stagedFileStore';
import { HandoffService } from '../../services/handoffService';
import { BotResumer } from './dialogResumer';
import { rememberTurnHandoff } from './turnHandoff';

const EXPIRY_CHOICES: ChoiceOption[] = [
  { value: 'bot', title: texts.expiredOptions[0], synonyms: ['asistente', 'bot', 'seguir', 'continuar', 'no'] },
  { value: 'callback', title: texts.expiredOptions[1], synonyms: ['asesor', 'que me escriban', 'contacto', 'llamada', 'si'] },
];

const PRELOADED = Symbol('handoffMiddleware.preloaded');

export class HandoffMiddleware implements Middleware {
  constructor(
    private readonly service: HandoffService,
    private readonly resumer: BotResumer,
    private readonly logger: Logger,
    /** Files sent to an agent are wanted: claimed, so the quick sweep of unrequested staged files spares them. */
    private readonly files?: { claim(id: string): Promise<void> },
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // Proactive turns (agent replies, notices) and conversation updates pass: they are not the user talking.
    if (context.activity.type !== ActivityTypes.Message || !context.activity.conversation?.id) return next();
    const key = conversationKeyOf(context.activity.channelId, context.activity.conversation.id);
    const { open, awaitingChoice } = await ((context.turnState.get(PRELOADED) as ReturnType<HandoffService['currentOf']> | undefined) ?? this.service.currentOf(key));
    rememberTurnHandoff(context, open);
    if (open && holdsConversation(open)) return this.relay(context, open);
    if (awaitingChoice) return this.answerExpiryOffer(context, awaitingChoice, next);
    return next();
  }

  /**
   * Starts this turn's handoff read at the beginning of the turn (src/bot/turnPreloadMiddleware.ts), so it
   * overlaps the bot state's; onTurn then uses it.
   */
  preload(context: TurnContext): Promise<unknown> {
    if (!context.activity.conversation?.id) return Promise.resolve();
    const read = this.service.currentOf(conversationKeyOf(context.activity.channelId, context.activity.conversation.id));
    context.turnState.set(PRELOADED, read);
    return read;
  }

  /** The message itself reaches the console through the transcript recorder; here the bot only stays out. */
  private async relay(context: TurnContext, open: Handoff): Promise<void> {
    for (const attachment of context.activity.attachments ?? []) {
      const stagedId = StagedFileStore.idFromUrl(attachment.contentUrl);
      if (stagedId) await this.files?.claim(stagedId);
    }
    const command = recognizeCommand(context.activity.text);
    if (command === 'cancel' || command === 'exit') {
      const left = await this.service.cancelByUser(open.conversationKey);
      if (left) {
        rememberTurnHandoff(context, undefined);
        this.logger.info('handoff_left_by_user', { handoff: left.id, conversation: pseudonym(left.conversationKey) });
        await context.sendActivity(open.status === 'assigned' ? texts.leftAgent : texts.leftQueue);
        await this.resumer.resume(context);
      }
      return;
    }
    if (open.status === 'pending') await context.sendActivity(texts.stillWaiting(await this.service.positionOf(open)));
  }

  private async answerExpiryOffer(context: TurnContext, expired: Handoff, next: () => Promise<void>): Promise<void> {
    const choice = recognizeChoice(context.activity.text ?? '', EXPIRY_CHOICES);
    if (!choice) {
      // Anything else: the offer lapses and the bot handles the message as usual.
      await this.service.declineCallback(expired);
      return next();
    }
    if (choice.value === 'bot') {
      await this.service.declineCallback(expired);
      await context.sendActivity(texts.backToBot);
    } else {
      rememberTurnHandoff(context, (await this.service.requestCallback(expired)).handoff);
      await context.sendActivity(texts.callbackQueued);
    }
    await this.resumer.resume(context);
  }
}
