// GET /agent — the console page (it shows the sign-in form itself when there is no session) — and its
// two assets (src/server/staffPage.ts).
import path from 'node:path';
import type { Server } from 'restify';
import { PROJECT_ROOT } from '../../config';
import { Logger } from '../../observability/logger';
import { registerStaffPage } from '../staffPage';

export function registerAgentConsolePage(server: Server, options: { webRoot?: string; logger: Logger }): void {
  const root = options.webRoot ?? path.join(PROJECT_ROOT, 'src', 'web', 'agent');
  registerStaffPage(server, { basePath: '/agent', root, routeName: 'agent.page', logger: options.logger });
}
