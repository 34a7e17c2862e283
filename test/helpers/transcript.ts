// Conversations as transcripts: [[what the user says, [what the bot replies…]], …].
// A reply matcher is a string (the whole text, exactly), a RegExp (tested against the text plus the
// numbered options, as a WhatsApp user would read them), or a predicate on the activity.
import { Activity, ConversationState, MemoryStorage, Middleware, TestAdapter, TurnContext } from 'botbuilder';
import { Dialog } from 'botbuilder-dialogs';
import { expect } from 'vitest';
import { MainDialog } from '../../dialogs/mainDialog';
import { ConversationAccessors } from '../../src/bot/conversationData';
import { OficinaBot } from '../../src/bot/oficinaBot';
import { HandoffStarter } from '../../src/bot/ports';
import { createTurnErrorHandler } from '../../src/bot/turnErrorHandler';
import { Clock } from '../../src/domain/clock';
import { AuthSession } from '../../src/domain/session';
import { silentLogger } from '../../src/observability/logger';
import type { IntentClassifier } from '../../src/services/ports/intentClassifier';

export type ReplyMatcher = string | RegExp | ((activity: Partial<Activity>) => boolean);
export type UserTurn = string | Partial<Activity>;
export type TranscriptStep = [UserTurn, ReplyMatcher[]];

/** Text plus numbered options: how a user on WhatsApp would read the activity. */
export function readable(activity: Partial<Activity>): string {
  const options = activity.suggestedActions?.actions ?? [];
  const list = options.map((a, i) => `${i + 1}. ${a.title}`).join('\n');
  return [activity.text ?? '', list].filter(Boolean).join('\n');
}

/** The bot closed the conversation ("salir"): channels that can start the next one afresh. */
export const conversationEnded: ReplyMatcher = (activity) => activity.type === 'endOfConversation';

function matches(activity: Partial<Activity>, matcher: ReplyMatcher): boolean {
  if (typeof matcher === 'string') return activity.text === matcher;
  if (matcher instanceof RegExp) return matcher.test(readable(activity));
  return matcher(activity);
}

/** A turn context for TestAdapter's default conversation, to read or set its state outside a turn. */
export function conversationContext(adapter: TestAdapter): TurnContext {
  return new TurnContext(adapter, {
    type: 'message',
    channelId: 'test',
    conversation: { id: 'Convo1', isGroup: false, conversationType: '', name: '' },
    from: { id: 'user', name: 'User1' },
    recipient: { id: 'bot', name: 'Bot' },
  } as Activity);
}

export interface BotHarness {
  adapter: TestAdapter;
  conversationState: ConversationState;
  accessors: ConversationAccessors;
  /** Sends one user turn and returns every activity the bot sent in reply. */
  say(turn: UserTurn): Promise<Partial<Activity>[]>;
  /** Plays the transcript, asserting each reply in order (and that there are no extra replies). */
  play(steps: TranscriptStep[]): Promise<void>;
  setSession(session: AuthSession | undefined): Promise<void>;
}

export interface BotHarnessOptions {
  clock: Clock;
  features?: Dialog[];
  handoff?: HandoffStarter;
  /** The trained classifier (test/helpers/intents.ts); without it only numbers and option words work. */
  intents?: IntentClassifier;
  middleware?: Middleware[];
  /** Build the feature dialogs with the harness's accessors (for dialogs that read the session). */
  featureFactory?: (accessors: ConversationAccessors) => Dialog[];
}

export function createBotHarness(options: BotHarnessOptions): BotHarness {
  const conversationState = new ConversationState(new MemoryStorage());
  const accessors: ConversationAccessors = {
    dialogState: conversationState.createProperty('dialogState'),
    session: conversationState.createProperty('session'),
  };
  const features = [...(options.features ?? []), ...(options.featureFactory?.(accessors) ?? [])];
  const main = new MainDialog({ clock: options.clock, session: accessors.session, features, handoff: options.handoff, intents: options.intents });
  const bot = new OficinaBot(conversationState, accessors, main);
  const adapter = new TestAdapter(async (context) => bot.run(context));
  for (const m of options.middleware ?? []) adapter.use(m);
  adapter.onTurnError = createTurnErrorHandler({
    logger: silentLogger,
    dialogState: accessors.dialogState,
    saveState: (context) => conversationState.saveChanges(context, true),
  });

  const say = async (turn: UserTurn): Promise<Partial<Activity>[]> => {
    adapter.activeQueue.splice(0);
    const activity: Partial<Activity> = typeof turn === 'string' ? { type: 'message', text: turn } : { type: 'message', ...turn };
    await adapter.receiveActivity(activity);
    return adapter.activeQueue.splice(0);
  };

  return {
    adapter,
    conversationState,
    accessors,
    say,
    async play(steps) {
      for (const [turn, expected] of steps) {
        const replies = await say(turn);
        const label = typeof turn === 'string' ? turn : JSON.stringify(turn).slice(0, 80);
        const shown = replies.map(readable);
        expect(replies.length, `after "${label}" the bot said:\n${shown.join('\n---\n')}`).toBe(expected.length);
        expected.forEach((matcher, i) => {
          expect(matches(replies[i], matcher), `reply ${i + 1} after "${label}" was:\n${shown[i]}\nexpected: ${String(matcher)}`).toBe(true);
        });
      }
    },
    async setSession(session) {
      const context = conversationContext(adapter);
      if (session) await accessors.session.set(context, session);
      else await accessors.session.delete(context);
      await conversationState.saveChanges(context, true);
    },
  };
}
