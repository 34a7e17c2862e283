// GET /api/agent/handoffs/{id}/files/{fileId}: a file the user sent, for the agent to open, as a safe
// download (src/server/fileDownload.ts); only files of that conversation are reachable.
import type { Request, Response, Server } from 'restify';
import { NotFoundError } from '../../domain/errors';
import { HandoffConsoleService } from '../../services/handoffConsoleService';
import { StagedFileStore } from '../../storage/stagedFileStore';
import { GuardOptions, requireAgent } from './agentHttp';
import { sendDownload } from '../fileDownload';

export function registerAgentFileRoute(
  server: Server,
  deps: {
    console: HandoffConsoleService;
    stagedFiles: StagedFileStore;
    guard: GuardOptions;
    route: (name: string, handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response) => Promise<void>;
  },
): void {
  server.get(
    '/api/agent/handoffs/:id/files/:fileId',
    deps.route('handoffs.file', async (req, res) => {
      const { agent } = await requireAgent(req, deps.guard);
      const params = req.params as { id?: string; fileId?: string };
      const file = await deps.console.openFile(agent, String(params.id ?? ''), String(params.fileId ?? ''));
      const info = await deps.stagedFiles.stat(file.stagedId);
      if (!info) throw new NotFoundError('file');
      sendDownload(res, await deps.stagedFiles.read(file.stagedId), file.name, 'documento');
    }),
  );
}
