// GET /api/agent/events: server-sent events for the console — new handoffs and status changes for every
// agent, messages only to whoever may read that conversation. The stream checks the session on each
// keep-alive without counting as activity, and closes when the session ends.
import type { Request, Response, Server } from 'restify';
import { Logger } from '../../observability/logger';
import { AgentAuthService } from '../../services/agentAuthService';
import { entryView, HandoffConsoleService } from '../../services/handoffConsoleService';
import { HandoffService } from '../../services/handoffService';
import type { HandoffEventBus, HandoffLiveEvent } from '../../services/ports/handoff';
import { onServerShutdown } from '../shutdown';
import { readCookie } from '../cookies';
import { GuardOptions, requireAgent, SESSION_COOKIE } from './agentHttp';

export interface AgentEventsDeps {
  auth: AgentAuthService;
  handoffs: HandoffService;
  console: HandoffConsoleService;
  events: HandoffEventBus;
  logger: Logger;
  guard: GuardOptions;
  heartbeatMs?: number;
  route: (name: string, handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response) => Promise<void>;
}

function frame(event: string, data: unknown): string {
  // JSON never contains a raw newline, so one data line is always enough.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function registerAgentEvents(server: Server, deps: AgentEventsDeps): void {
  server.get(
    '/api/agent/events',
    deps.route('events', async (req, res) => {
      const { agent } = await requireAgent(req, deps.guard);
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: 3000\n\n${frame('ready', { agentId: agent.id })}`);

      // Events are written in the order they happened even though rendering one may wait on the database.
      let chain = Promise.resolve();
      const write = (event: HandoffLiveEvent) => {
        chain = chain
          .then(async () => {
            const out = await render(event);
            if (out && !res.writableEnded) res.write(out);
          })
          .catch((error: unknown) => deps.logger.warn('agent_events_render_failed', { error: error as Error }));
      };
      const render = async (event: HandoffLiveEvent): Promise<string | undefined> => {
        if (event.type === 'handoff') return frame('handoff', await deps.console.view(event.handoff));
        const handoff = await deps.handoffs.get(event.handoffId);
        if (!deps.console.canSee(agent, handoff)) return undefined;
        return frame('message', { handoffId: event.handoffId, entry: entryView(event.entry, event.handoffId, await deps.console.agentNames()) });
      };
      const unsubscribe = deps.events.subscribe(write);
      const cookie = readCookie(req, SESSION_COOKIE);
      await new Promise<void>((resolve) => {
        const heartbeat = setInterval(() => {
          void deps.auth.authenticate(cookie, { touch: false }).then((still) => {
            if (still) {
              res.write(': ping\n\n');
              return;
            }
            res.write(frame('session_expired', {}));
            res.end();
          });
        }, deps.heartbeatMs ?? 20_000);
        // The server is stopping: end the stream now (the console shows it is disconnected and retries).
        const forget = onServerShutdown(server, () => res.end());
        const stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
          forget();
          resolve();
        };
        req.once('close', stop);
        res.once('close', stop);
      });
    }),
  );
}
