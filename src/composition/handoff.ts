// Human agents: the queue lives in the database; while an agent holds a conversation the middleware
// relays it both ways and the dialogs stay silent; the console is served under /agent.
// Two phases: the starter is needed to build the main dialog, the hand-back needs the main dialog.
import type { ConversationState } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { HandoffStarter } from '../bot/ports';
import { VitalRiskMiddleware } from '../bot/vitalRiskMiddleware';
import { AgentHours } from '../domain/agentHours';
import { conversationKeyOf, holdsConversation } from '../domain/handoff';
import { sessionStatus } from '../domain/session';
import { registerAgentRoutes } from '../server/agentConsole/agentRoutes';
import { RegistryHandoffGateway } from '../bot/handoff/registryHandoffGateway';
import { DeferredResumer, DialogResumer } from '../bot/handoff/dialogResumer';
import { InMemoryHandoffEventBus, SignalledHandoffEventBus } from '../server/agentConsole/handoffEventBus';
import { HandoffMiddleware } from '../bot/handoff/handoffMiddleware';
import { ServiceHandoffStarter } from '../bot/handoff/serviceHandoffStarter';
import { RecentFailureHints, RepeatedFailureHintMiddleware } from '../bot/handoff/repeatedFailureHintMiddleware';
import { taskLabel } from '../bot/handoff/taskLabels';
import { TranscriptRecorderMiddleware } from '../bot/handoff/transcriptRecorderMiddleware';
import { AgentAuthService, ensureDemoAgents } from '../services/agentAuthService';
import { HandoffConsoleService } from '../services/handoffConsoleService';
import { HandoffService } from '../services/handoffService';
import { argon2idHasher } from '../services/identity/passwordHasher';
import { PeriodicTask } from '../services/periodicTask';
import { AppInfrastructure, Wiring, wiring } from './context';

/** How often live handoffs nobody took are expired. */
const EXPIRY_SWEEP_INTERVAL_MS = 30_000;

export interface HandoffWiring {
  /** What the main dialog calls for "asesor". */
  starter: HandoffStarter;
  /** The console's sign-in, shared by the back office. */
  auth: AgentAuthService;
  /** Binds the hand-back to the main dialog; returns the middleware, console routes and the expiry sweep. */
  attach(mainDialog: Dialog, conversationState: ConversationState): Promise<Wiring>;
  /** True while an agent holds the conversation (the user may send files to the agent). */
  agentHolds(channelId: string, conversationId: string): Promise<boolean>;
}

export function wireHandoff(infra: AppInfrastructure): HandoffWiring {
  const { config, clock, accessors, repositories } = infra;
  const logger = infra.logger.child({ area: 'handoff' });
  const hours = AgentHours.parse(config.agentHours);
  // With several instances an agent's console may be served by another instance than the user's turn.
  const events = infra.coordination.acrossInstances
    ? new SignalledHandoffEventBus(infra.coordination, (error) => logger.warn('handoff.live_event_failed', { error }))
    : new InMemoryHandoffEventBus();
  const resumer = new DeferredResumer();
  const { agents, agentAudit: audit, handoffTranscripts: transcripts } = repositories;
  const service = new HandoffService({
    handoffs: repositories.handoffs,
    transcripts,
    agents,
    audit,
    gateway: new RegistryHandoffGateway(infra.registry, resumer),
    events,
    hours,
    clock,
    logger,
  });
  const failureHints = new RecentFailureHints(clock);
  const starter = new ServiceHandoffStarter({ service, hours, clock, dialogState: accessors.dialogState, session: accessors.session, failureHints });

  const auth = new AgentAuthService({
    agents,
    sessions: repositories.agentSessions,
    audit,
    hasher: argon2idHasher,
    rateEvents: repositories.identityRateEvents,
    clock,
    secret: config.sessionSecret,
    logger,
  });

  return {
    starter,
    auth,
    async agentHolds(channelId, conversationId) {
      const open = await service.findOpen(conversationKeyOf(channelId, conversationId));
      return open !== undefined && holdsConversation(open);
    },
    async attach(mainDialog, conversationState) {
      const dialogResumer = new DialogResumer(conversationState, accessors.dialogState, mainDialog);
      resumer.bind(dialogResumer);
      // The demo agents exist in development and test only (ensureDemoAgents refuses production).
      await ensureDemoAgents({ agents, hasher: argon2idHasher, clock }, config.env);
      const consoleService = new HandoffConsoleService({ handoffs: service, transcripts, agents, audit, affiliates: repositories.affiliates, clock, taskLabel });
      const relay = new HandoffMiddleware(service, dialogResumer, logger, infra.stagedFiles);
      return wiring({
        preloads: [(context) => relay.preload(context)],
        // Order matters: the recorder sees every turn (relayed ones too); the relay runs closest to the bot.
        middleware: [
          new TranscriptRecorderMiddleware({
            sink: service,
            clock,
            logger,
            references: repositories.conversationReferences,
            affiliateOf: async (context) => {
              const current = await accessors.session.get(context);
              return current && sessionStatus(current, clock.now()) === 'active' ? current.affiliateId : undefined;
            },
          }),
          new RepeatedFailureHintMiddleware(accessors.dialogState, failureHints),
          // Before the relay: a vital risk is answered and escalated even while an agent holds the conversation.
          new VitalRiskMiddleware({ handoff: starter, logger }),
          relay,
        ],
        routes: [
          (server) =>
            registerAgentRoutes(server, {
              auth,
              handoffs: service,
              console: consoleService,
              events,
              stagedFiles: infra.stagedFiles,
              inspectPdf: (bytes) => infra.uploads.pdfInspection.inspect(bytes),
              logger,
              publicUrl: config.publicUrl,
            }),
        ],
        // The expiry state is in the database (expires_at): a restart loses nothing, the next sweep catches up.
        tasks: [
          new PeriodicTask('handoff-expiry', EXPIRY_SWEEP_INTERVAL_MS, () => service.sweepExpired(), logger).claimedThrough((key, job) =>
            infra.coordination.tryWithLock(key, job),
          ),
        ],
      });
    },
  };
}
