// Human agents (issue 7): the queue lives in the database; while an agent holds a conversation the
// middleware relays it both ways and the dialogs stay silent; the console is served under /agent.
// Two phases: the starter is needed to build the main dialog, the hand-back needs the main dialog.
import type { ConversationState } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { HandoffStarter } from '../bot/ports';
import { VitalRiskMiddleware } from '../bot/vitalRiskMiddleware';
import { AgentHours } from '../domain/agentHours';
import { sessionStatus } from '../domain/session';
import { registerAgentRoutes } from '../handoff/agentRoutes';
import { RegistryHandoffGateway } from '../handoff/channelGateway';
import { DeferredResumer, DialogResumer } from '../handoff/dialogResumer';
import { InMemoryHandoffEventBus } from '../handoff/eventBus';
import { ExpirySweeper, startExpirySweeper } from '../handoff/expirySweeper';
import { HandoffMiddleware } from '../handoff/handoffMiddleware';
import { ServiceHandoffStarter } from '../handoff/handoffStarter';
import { RecentFailureHints, RepeatedFailureHintMiddleware } from '../handoff/repeatedFailureHint';
import { taskLabel } from '../handoff/taskLabels';
import { TranscriptRecorderMiddleware } from '../handoff/transcriptRecorder';
import { AgentAuthService, ensureDemoAgents } from '../services/handoffAgentAuthService';
import { HandoffConsoleService } from '../services/handoffConsoleService';
import { HandoffService } from '../services/handoffService';
import { argon2idHasher } from '../services/identity/passwordHasher';
import { KnexAgentAuditRepository } from '../storage/repositories/knexAgentAuditRepository';
import { KnexAgentRepository } from '../storage/repositories/knexAgentRepository';
import { KnexAgentSessionRepository } from '../storage/repositories/knexAgentSessionRepository';
import { KnexHandoffRepository } from '../storage/repositories/knexHandoffRepository';
import { KnexHandoffTranscriptRepository } from '../storage/repositories/knexHandoffTranscriptRepository';
import type { AppContext } from './context';

export interface HandoffWiring {
  /** What the main dialog calls for "asesor". */
  starter: HandoffStarter;
  /** Binds the hand-back to the main dialog and adds middleware, console routes and the expiry sweep. */
  attach(mainDialog: Dialog, conversationState: ConversationState): Promise<void>;
}

export function wireHandoff(ctx: AppContext): HandoffWiring {
  const { config, clock, knex, accessors } = ctx;
  const logger = ctx.logger.child({ area: 'handoff' });
  const hours = AgentHours.parse(config.agentHours);
  const events = new InMemoryHandoffEventBus();
  const resumer = new DeferredResumer();
  const agents = new KnexAgentRepository(knex);
  const audit = new KnexAgentAuditRepository(knex);
  const transcripts = new KnexHandoffTranscriptRepository(knex);
  const service = new HandoffService({
    handoffs: new KnexHandoffRepository(knex),
    transcripts,
    agents,
    audit,
    gateway: new RegistryHandoffGateway(ctx.registry, resumer),
    events,
    hours,
    clock,
    logger,
  });
  const failureHints = new RecentFailureHints(clock);
  const starter = new ServiceHandoffStarter({ service, hours, clock, dialogState: accessors.dialogState, session: accessors.session, failureHints });

  return {
    starter,
    async attach(mainDialog, conversationState) {
      const dialogResumer = new DialogResumer(conversationState, accessors.dialogState, mainDialog);
      resumer.bind(dialogResumer);
      // Order matters: the recorder sees every turn (relayed ones too); the relay runs closest to the bot.
      ctx.middleware.push(
        new TranscriptRecorderMiddleware({
          sink: service,
          clock,
          logger,
          references: ctx.repositories.conversationReferences,
          affiliateOf: async (context) => {
            const current = await accessors.session.get(context);
            return current && sessionStatus(current, clock.now()) === 'active' ? current.affiliateId : undefined;
          },
        }),
        new RepeatedFailureHintMiddleware(accessors.dialogState, failureHints),
        // Before the relay: a vital risk is answered and escalated even while an agent holds the conversation.
        new VitalRiskMiddleware({ handoff: starter, logger }),
        new HandoffMiddleware(service, dialogResumer, logger),
      );

      const auth = new AgentAuthService({ agents, sessions: new KnexAgentSessionRepository(knex), audit, hasher: argon2idHasher, clock, secret: config.sessionSecret, logger });
      // CONTRACT's demo agents exist in development and test only (ensureDemoAgents refuses production).
      await ensureDemoAgents({ agents, hasher: argon2idHasher, clock }, config.env);
      const consoleService = new HandoffConsoleService({ handoffs: service, transcripts, agents, audit, affiliates: ctx.repositories.affiliates, clock, taskLabel });
      ctx.routes.push((server) =>
        registerAgentRoutes(server, { auth, handoffs: service, console: consoleService, events, stagedFiles: ctx.stagedFiles, logger, publicUrl: config.publicUrl }),
      );

      let sweeper: ExpirySweeper | undefined;
      ctx.tasks.push({
        name: 'handoff-expiry',
        start: () => {
          sweeper = startExpirySweeper(service, { logger });
        },
        stop: () => sweeper?.stop(),
      });
    },
  };
}
