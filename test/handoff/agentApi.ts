// The console API on the real server (createServer + registerAgentRoutes) on an ephemeral port, over the
// handoff harness's database and bot (the client that talks to it is test/helpers/agentClient.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Server } from 'restify';
import { DirectLineChannel } from '../../src/channels/directline/directLineChannel';
import { Clock } from '../../src/domain/clock';
import { registerAgentRoutes } from '../../src/server/agentConsole/agentRoutes';
import { taskLabel } from '../../src/bot/handoff/taskLabels';
import { createMemoryLogger } from '../../src/observability/logger';
import { createServer } from '../../src/server/createServer';
import { AgentAuthService, ensureDemoAgents } from '../../src/services/agentAuthService';
import { HandoffConsoleService } from '../../src/services/handoffConsoleService';
import { HandoffService } from '../../src/services/handoffService';
import { argon2idHasher } from '../../src/services/identity/passwordHasher';
import type { HandoffEventBus } from '../../src/services/ports/handoff';
import { KnexAffiliateRepository } from '../../src/storage/repositories/knexAffiliateRepository';
import { KnexAgentAuditRepository } from '../../src/storage/repositories/knexAgentAuditRepository';
import { KnexAgentRepository } from '../../src/storage/repositories/knexAgentRepository';
import { KnexAgentSessionRepository } from '../../src/storage/repositories/knexAgentSessionRepository';
import { KnexIdentityRateEventRepository } from '../../src/storage/repositories/knexIdentityRateEventRepository';
import { KnexHandoffTranscriptRepository } from '../../src/storage/repositories/knexHandoffTranscriptRepository';
import { StagedFileStore } from '../../src/storage/stagedFileStore';
import type { Knex } from 'knex';
import { inspectPdf } from '../../src/services/pdfInspection';

export interface AgentApiDeps {
  knex: Knex;
  clock: Clock;
  service: HandoffService;
  bus: HandoffEventBus;
  /** The web chat on the same server (browser tests), built once the server's URL is known. */
  directLine?: (publicUrl: () => string) => DirectLineChannel;
  stagedFiles?: StagedFileStore;
  heartbeatMs?: number;
}

export interface AgentApi {
  url: string;
  server: Server;
  stagedFiles: StagedFileStore;
  auth: AgentAuthService;
  logger: ReturnType<typeof createMemoryLogger>;
  close(): Promise<void>;
}

export async function startAgentApi(deps: AgentApiDeps): Promise<AgentApi> {
  const logger = createMemoryLogger();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-api-'));
  const stagedFiles = deps.stagedFiles ?? new StagedFileStore(dir);
  const agents = new KnexAgentRepository(deps.knex);
  const audit = new KnexAgentAuditRepository(deps.knex);
  const auth = new AgentAuthService({
    agents,
    sessions: new KnexAgentSessionRepository(deps.knex),
    audit,
    hasher: argon2idHasher,
    rateEvents: new KnexIdentityRateEventRepository(deps.knex),
    clock: deps.clock,
    secret: 'test-session-secret-test-session-secret',
    logger,
  });
  await ensureDemoAgents({ agents, hasher: argon2idHasher, clock: deps.clock }, 'test');
  const consoleService = new HandoffConsoleService({
    handoffs: deps.service,
    transcripts: new KnexHandoffTranscriptRepository(deps.knex),
    agents,
    audit,
    affiliates: new KnexAffiliateRepository(deps.knex),
    clock: deps.clock,
    taskLabel,
  });
  let url = '';
  const server = createServer({
    logger,
    ready: async () => true,
    publicUrl: () => url,
    directLine: deps.directLine?.(() => url),
    routes: [
      (s) =>
        registerAgentRoutes(s, {
          auth,
          handoffs: deps.service,
          console: consoleService,
          events: deps.bus,
          stagedFiles,
          inspectPdf: (bytes) => inspectPdf(bytes),
          logger,
          publicUrl: 'http://127.0.0.1',
          heartbeatMs: deps.heartbeatMs,
        }),
    ],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    stagedFiles,
    auth,
    logger,
    close: async () => {
      server.directLineStreams?.close();
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
