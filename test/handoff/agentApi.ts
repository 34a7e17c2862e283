// The console API on the real server (createServer + registerAgentRoutes) on an ephemeral port, over the
// handoff harness's database and bot, and a tiny client that keeps the session cookie and CSRF token.
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
import { StagedFileStore } from '../../src/storage/stagedFiles';
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

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A console user: keeps the cookie and the CSRF token of its login. */
export class AgentClient {
  cookie?: string;
  csrf?: string;
  agentId?: string;

  constructor(private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<ApiResponse<{ agent: { id: string; name: string; role: string }; csrfToken: string }>> {
    const res = await this.request<{ agent: { id: string; name: string; role: string }; csrfToken: string }>('POST', '/api/agent/login', { email, password });
    if (res.status === 200) {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      this.csrf = res.body.csrfToken;
      this.agentId = res.body.agent.id;
    }
    return res;
  }

  get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown, options: { csrf?: string | null; origin?: string } = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, options);
  }

  async request<T>(method: string, path: string, body?: unknown, options: { csrf?: string | null; origin?: string } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    if (options.origin) headers.origin = options.origin;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a file): keep the text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}
