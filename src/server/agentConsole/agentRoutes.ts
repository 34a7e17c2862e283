// The agent console's JSON API (README, "Agent console") and its page. Register with createServer's
// `routes: [(server) => registerAgentRoutes(server, deps)]`.
import type { Request, Response, Server } from 'restify';
import { AGENT_SESSION_ABSOLUTE_MS, Agent, CONSOLE_ROLES } from '../../domain/handoffAgent';
import { HandoffStatus } from '../../domain/handoff';
import { Logger } from '../../observability/logger';
import { clientAddress } from '../clientAddress';
import { HttpError } from '../httpErrors';
import { readJsonObject } from '../jsonBody';
import { AgentAuthService } from '../../services/agentAuthService';
import { HandoffConsoleService } from '../../services/handoffConsoleService';
import { HandoffService } from '../../services/handoffService';
import type { HandoffEventBus } from '../../services/ports/handoff';
import { StagedFileStore } from '../../storage/stagedFileStore';
import { registerAgentConsolePage } from './agentConsolePage';
import { registerAgentEvents } from './agentEvents';
import { registerAgentFileRoute } from './agentFileRoute';
import { readCookie } from '../cookies';
import { clearedSessionCookie, noStore, requireAgent, sendFailure, SESSION_COOKIE, sessionCookie } from './agentHttp';
import { MAX_REPLY_TEXT, PdfInspector, readReplyForm } from './agentUpload';

export interface AgentRoutesDeps {
  auth: AgentAuthService;
  handoffs: HandoffService;
  console: HandoffConsoleService;
  events: HandoffEventBus;
  stagedFiles: StagedFileStore;
  /** The PDF inspection every upload goes through (its worker pool in the app). */
  inspectPdf: PdfInspector;
  logger: Logger;
  publicUrl: string;
  /** Where index.html, app.js and app.css of the console live; default <project>/src/web/agent. */
  webRoot?: string;
  /** Keep-alive period of the live stream (tests shorten it). */
  heartbeatMs?: number;
}

export type AgentHandler = (req: Request, res: Response) => Promise<void>;

const LISTABLE: readonly HandoffStatus[] = ['pending', 'assigned', 'resolved', 'expired', 'cancelled'];

function agentJson(agent: Agent): { id: string; name: string; role: Agent['role'] } {
  return { id: agent.id, name: agent.name, role: agent.role };
}

function statusesOf(req: Request): HandoffStatus[] {
  const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('status');
  if (!raw) return ['pending', 'assigned'];
  const statuses = raw.split(/[,|]/).map((s) => s.trim());
  if (!statuses.every((s): s is HandoffStatus => (LISTABLE as readonly string[]).includes(s))) {
    throw new HttpError(400, 'invalid_status', 'Estado no válido: usa pending, assigned, resolved, expired o cancelled.');
  }
  return statuses;
}

function textField(body: Record<string, unknown>, name: string, max: number): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw new HttpError(400, `invalid_${name}`, `El campo ${name} no es válido.`);
  return value;
}

export function registerAgentRoutes(server: Server, deps: AgentRoutesDeps): void {
  // Autorizadores share the sign-in but not the conversations.
  const guard = { auth: deps.auth, publicUrl: deps.publicUrl, roles: CONSOLE_ROLES };
  const route = (name: string, handler: AgentHandler) => async (req: Request, res: Response) => {
    noStore(res);
    try {
      await handler(req, res);
    } catch (error) {
      sendFailure(res, error, deps.logger, name);
    }
  };
  const idOf = (req: Request): string => String((req.params as { id?: unknown }).id ?? '');

  registerAgentConsolePage(server, { webRoot: deps.webRoot, logger: deps.logger });

  server.post(
    '/api/agent/login',
    route('login', async (req, res) => {
      const body = await readJsonObject(req, { maxBytes: 4096 });
      const email = textField(body, 'email', 254)?.trim() ?? '';
      const password = textField(body, 'password', 1024) ?? '';
      if (!email || !password) throw new HttpError(400, 'missing_credentials', 'Escribe tu correo y tu contraseña.');
      const outcome = await deps.auth.login(email, password, clientAddress(req));
      if (outcome.kind === 'throttled') {
        const seconds = Math.ceil(outcome.retryAfterMs / 1000);
        throw new HttpError(429, 'too_many_attempts', `Demasiados intentos fallidos. Espera ${seconds} segundos e intenta de nuevo.`, {
          'Retry-After': String(seconds),
        });
      }
      if (outcome.kind === 'invalid') throw new HttpError(401, 'invalid_credentials', 'Correo o contraseña incorrectos.');
      res.setHeader('Set-Cookie', sessionCookie(outcome.cookieToken, deps.publicUrl, AGENT_SESSION_ABSOLUTE_MS / 1000));
      res.send(200, { agent: agentJson(outcome.agent), csrfToken: outcome.csrfToken });
    }),
  );

  server.post(
    '/api/agent/logout',
    route('logout', async (req, res) => {
      const signedIn = await deps.auth.authenticate(readCookie(req, SESSION_COOKIE), { touch: false });
      if (signedIn) {
        // Logging out needs the CSRF token too: a forged logout would be a nuisance, not a breach, but costs nothing to stop.
        await requireAgent(req, guard);
        await deps.auth.logout(signedIn);
      }
      res.setHeader('Set-Cookie', clearedSessionCookie(deps.publicUrl));
      res.send(200, { ok: true });
    }),
  );

  // Signed out is an ordinary answer here (the page shows the sign-in form), not an error.
  server.get(
    '/api/agent/session',
    route('session', async (req, res) => {
      const signedIn = await deps.auth.authenticate(readCookie(req, SESSION_COOKIE));
      res.send(200, signedIn ? { agent: agentJson(signedIn.agent), csrfToken: signedIn.session.csrfToken } : { agent: null });
    }),
  );

  server.get(
    '/api/agent/agents',
    route('agents', async (req, res) => {
      await requireAgent(req, guard);
      res.send(200, (await deps.auth.listAgents()).map(agentJson));
    }),
  );

  server.get(
    '/api/agent/handoffs',
    route('handoffs.list', async (req, res) => {
      await requireAgent(req, guard);
      res.send(200, await deps.console.list(statusesOf(req)));
    }),
  );

  server.post(
    '/api/agent/handoffs/:id/take',
    route('handoffs.take', async (req, res) => {
      const { agent } = await requireAgent(req, guard);
      res.send(200, await deps.console.view(await deps.handoffs.take(agent, idOf(req))));
    }),
  );

  server.get(
    '/api/agent/handoffs/:id/transcript',
    route('handoffs.transcript', async (req, res) => {
      const { agent } = await requireAgent(req, guard);
      res.send(200, await deps.console.openTranscript(agent, idOf(req)));
    }),
  );

  server.post(
    '/api/agent/handoffs/:id/messages',
    route('handoffs.reply', async (req, res) => {
      const { agent } = await requireAgent(req, guard);
      const multipart = /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
      const form = multipart ? await readReplyForm(req, deps.inspectPdf) : { text: textField(await readJsonObject(req, { maxBytes: 32 * 1024 }), 'text', MAX_REPLY_TEXT) };
      const text = form.text?.trim();
      if (text && text.length > MAX_REPLY_TEXT) throw new HttpError(400, 'invalid_text', `El mensaje supera ${MAX_REPLY_TEXT} caracteres.`);
      if (!text && !('file' in form && form.file)) throw new HttpError(400, 'empty_message', 'Escribe un mensaje o adjunta un PDF.');
      await deps.handoffs.reply(agent, idOf(req), { text, file: 'file' in form ? form.file : undefined });
      res.send(200, { ok: true });
    }),
  );

  server.post(
    '/api/agent/handoffs/:id/transfer',
    route('handoffs.transfer', async (req, res) => {
      const { agent } = await requireAgent(req, guard);
      const targetId = textField(await readJsonObject(req, { maxBytes: 4096 }), 'agentId', 64);
      if (!targetId) throw new HttpError(400, 'missing_agent', 'Elige el asesor que recibe la conversación.');
      res.send(200, await deps.console.view(await deps.handoffs.transfer(agent, idOf(req), targetId)));
    }),
  );

  server.post(
    '/api/agent/handoffs/:id/resolve',
    route('handoffs.resolve', async (req, res) => {
      const { agent } = await requireAgent(req, guard);
      res.send(200, await deps.console.view(await deps.handoffs.resolve(agent, idOf(req))));
    }),
  );

  registerAgentFileRoute(server, { ...deps, guard, route });
  registerAgentEvents(server, { ...deps, guard, route });
}
