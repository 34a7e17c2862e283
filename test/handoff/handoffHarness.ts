// A bot with the handoff wired as in production (recorder → failure hint → handoff middleware → bot) on
// a SQLite temp database, a TestAdapter that also runs proactive turns, and a fixed clock.
import {
  Activity,
  ActivityTypes,
  Middleware,
  ConversationReference,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  TurnContext,
} from 'botbuilder';
import { ComponentDialog, Dialog, TextPrompt } from 'botbuilder-dialogs';
import { Step, waterfall } from '../../dialogs/waterfall';
import type { Knex } from 'knex';
import { DialogIds } from '../../dialogs/ids';
import { MainDialog } from '../../dialogs/mainDialog';
import { conversationContext } from '../helpers/transcript';
import { ConversationAccessors } from '../../src/bot/conversationData';
import { Clock } from '../../src/domain/clock';
import { AuthSession } from '../../src/domain/session';
import { OficinaBot } from '../../src/bot/oficinaBot';
import { markInputSensitive } from '../../src/bot/sensitiveInput';
import { VitalRiskMiddleware } from '../../src/bot/vitalRiskMiddleware';
import { ChannelRegistry } from '../../src/channels/channelRegistry';
import { AgentHours } from '../../src/domain/agentHours';
import { Agent } from '../../src/domain/handoffAgent';
import { RegistryHandoffGateway } from '../../src/bot/handoff/registryHandoffGateway';
import { DeferredResumer, DialogResumer } from '../../src/bot/handoff/dialogResumer';
import { InMemoryHandoffEventBus } from '../../src/server/agentConsole/handoffEventBus';
import { HandoffMiddleware } from '../../src/bot/handoff/handoffMiddleware';
import { ServiceHandoffStarter } from '../../src/bot/handoff/serviceHandoffStarter';
import { RecentFailureHints, RepeatedFailureHintMiddleware } from '../../src/bot/handoff/repeatedFailureHintMiddleware';
import { TranscriptRecorderMiddleware } from '../../src/bot/handoff/transcriptRecorderMiddleware';
import { silentLogger } from '../../src/observability/logger';
import { HandoffService } from '../../src/services/handoffService';
import { HandoffLiveEvent } from '../../src/services/ports/handoff';
import { KnexAgentAuditRepository } from '../../src/storage/repositories/knexAgentAuditRepository';
import { KnexAgentRepository } from '../../src/storage/repositories/knexAgentRepository';
import { KnexHandoffRepository } from '../../src/storage/repositories/knexHandoffRepository';
import { KnexHandoffTranscriptRepository } from '../../src/storage/repositories/knexHandoffTranscriptRepository';
import { FixedClock, fixedClock } from '../helpers/clock';
import { createTestDb } from '../helpers/testDb';

/** TestAdapter has no continueConversation; this one runs the middleware then the logic, like real adapters. */
export class ProactiveTestAdapter extends TestAdapter {
  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    ) as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

export const CASE_QUESTION = 'Cuéntanos tu caso en una frase (mínimo 10 letras).';
export const CASE_RETRY = 'Esa descripción es muy corta. Cuéntanos tu caso en una frase (mínimo 10 letras).';
export const PASSWORD_QUESTION = 'Escribe una clave para consultar tu caso:';
export const filedText = (what: string) => `Radicamos tu caso: ${what}`;

/** A two-question task standing in for PQRDS: a validated description, then a secret. */
export class FakePqrdsDialog extends ComponentDialog {
  constructor() {
    super(DialogIds.pqrds);
    this.addDialog(new TextPrompt('description', async (p) => (p.recognized.value ?? '').trim().length >= 10));
    this.addDialog(new TextPrompt('secret'));
    this.addDialog(
      waterfall<{ description?: string }>('steps', [
        async (step) => step.prompt('description', { prompt: CASE_QUESTION, retryPrompt: CASE_RETRY }),
        async (step: Step<{ description?: string }, string>) => {
          step.values.description = step.result;
          return step.prompt('secret', { prompt: PASSWORD_QUESTION });
        },
        async (step) => {
          markInputSensitive(step.context);
          await step.context.sendActivity(filedText(step.values.description ?? ''));
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

export interface HandoffHarness {
  knex: Knex;
  clock: FixedClock;
  adapter: ProactiveTestAdapter;
  service: HandoffService;
  registry: ChannelRegistry;
  transcripts: KnexHandoffTranscriptRepository;
  audit: KnexAgentAuditRepository;
  agents: KnexAgentRepository;
  events: HandoffLiveEvent[];
  bus: InMemoryHandoffEventBus;
  accessors: ConversationAccessors;
  /** One user turn; returns what the bot sent in it. */
  say(text: string | Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Non-message activities (handoff events) of the last user turn. */
  lastEvents(): Partial<Activity>[];
  /** What was sent outside the user's turns (agent replies, notices) since the last call. */
  drain(): Partial<Activity>[];
  agent(role?: Agent['role'], email?: string): Promise<Agent>;
  /** Logs the test conversation in as this affiliate (what the login dialog does). */
  setSession(session: AuthSession): Promise<void>;
  /** A second service on the same database, as after a restart. */
  restart(): HandoffHarness;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** AGENT_HOURS spec; 'always' by default. */
  hours?: string;
  now?: string;
  storage?: MemoryStorage;
  features?: Dialog[];
}

export async function createHandoffHarness(options: HarnessOptions = {}): Promise<HandoffHarness> {
  // Seeded: the demo affiliates exist, so a logged-in user's handoff can point at one.
  const db = await createTestDb();
  return build(db.knex, () => db.close(), options);
}

export interface WiredBot {
  service: HandoffService;
  bus: InMemoryHandoffEventBus;
  events: HandoffLiveEvent[];
  accessors: ConversationAccessors;
  conversationState: ConversationState;
  bot: OficinaBot;
  /** In production order: transcript recorder → repeated-failure hint → vital risk → handoff relay. */
  middleware: Middleware[];
  transcripts: KnexHandoffTranscriptRepository;
  audit: KnexAgentAuditRepository;
  agents: KnexAgentRepository;
  hours: AgentHours;
}

/** The handoff wired around the real bot core, as src/app.ts does it. */
export function wireHandoffBot(options: {
  knex: Knex;
  clock: Clock;
  registry: ChannelRegistry;
  hours?: string;
  storage?: MemoryStorage;
  features?: Dialog[];
}): WiredBot {
  const { knex, clock, registry } = options;
  const conversationState = new ConversationState(options.storage ?? new MemoryStorage());
  const accessors: ConversationAccessors = {
    dialogState: conversationState.createProperty('dialogState'),
    session: conversationState.createProperty('session'),
  };
  const hours = AgentHours.parse(options.hours ?? 'always');
  const events: HandoffLiveEvent[] = [];
  const bus = new InMemoryHandoffEventBus();
  bus.subscribe((e) => events.push(e));
  const transcripts = new KnexHandoffTranscriptRepository(knex);
  const audit = new KnexAgentAuditRepository(knex);
  const agents = new KnexAgentRepository(knex);

  // The same construction as app.ts: MainDialog needs the starter, the gateway needs MainDialog (via the resumer).
  const deferredResumer = new DeferredResumer();
  const gateway = new RegistryHandoffGateway(registry, deferredResumer);
  const service = new HandoffService({
    handoffs: new KnexHandoffRepository(knex),
    transcripts,
    agents,
    audit,
    gateway,
    events: bus,
    hours,
    clock,
    logger: silentLogger,
  });
  const failureHints = new RecentFailureHints(clock);
  const starter = new ServiceHandoffStarter({ service, hours, clock, dialogState: accessors.dialogState, session: accessors.session, failureHints });
  const main = new MainDialog({ clock, session: accessors.session, features: options.features ?? [new FakePqrdsDialog()], handoff: starter });
  const resumer = new DialogResumer(conversationState, accessors.dialogState, main);
  deferredResumer.bind(resumer);
  const bot = new OficinaBot(conversationState, accessors, main);
  const middleware: Middleware[] = [
    new TranscriptRecorderMiddleware({ sink: service, clock, logger: silentLogger }),
    new RepeatedFailureHintMiddleware(accessors.dialogState, failureHints),
    new VitalRiskMiddleware({ handoff: starter, logger: silentLogger }),
    new HandoffMiddleware(service, resumer, silentLogger),
  ];
  return { service, bus, events, accessors, conversationState, bot, middleware, transcripts, audit, agents, hours };
}

function build(knex: Knex, closeDb: () => Promise<void>, options: HarnessOptions): HandoffHarness {
  const clock = fixedClock(options.now ?? '2026-11-27T15:00:00Z'); // a Friday, 10:00 in Bogotá
  const storage = options.storage ?? new MemoryStorage();
  const registry = new ChannelRegistry();
  const wired = wireHandoffBot({ knex, clock, registry, hours: options.hours, storage, features: options.features });
  const { service, events, transcripts, audit, agents, accessors, bot } = wired;
  const adapter = new ProactiveTestAdapter(async (context) => bot.run(context));
  for (const m of wired.middleware) adapter.use(m);
  registry.register('test', adapter);

  let lastTurn: Partial<Activity>[] = [];
  const say = async (turn: string | Partial<Activity>): Promise<Partial<Activity>[]> => {
    adapter.activeQueue.splice(0);
    const activity: Partial<Activity> = typeof turn === 'string' ? { type: 'message', text: turn } : { type: 'message', ...turn };
    await adapter.receiveActivity(activity);
    lastTurn = adapter.activeQueue.splice(0);
    return lastTurn.filter((a) => a.type === 'message');
  };

  return {
    knex,
    clock,
    adapter,
    service,
    registry,
    transcripts,
    audit,
    agents,
    events,
    bus: wired.bus,
    accessors,
    say,
    lastEvents: () => lastTurn.filter((a) => a.type !== 'message'),
    drain() {
      const sent = adapter.activeQueue.splice(0);
      return sent.filter((a) => a.type === 'message');
    },
    async setSession(session) {
      const context = conversationContext(adapter);
      await accessors.session.set(context, session);
      await wired.conversationState.saveChanges(context, true);
    },
    async agent(role = 'agent', email = `${role}@demo.local`) {
      return agents.upsert({ email, name: role === 'agent' ? 'Laura Gómez' : 'Sofía Díaz', role, passwordHash: 'x' }, clock.now());
    },
    restart() {
      return build(knex, closeDb, { ...options, storage });
    },
    close: closeDb,
  };
}
