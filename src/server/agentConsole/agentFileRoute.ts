// GET /api/agent/handoffs/{id}/files/{fileId}: a file the user sent, for the agent to open. It is always a
// download (Content-Disposition: attachment) with nosniff and a sandbox CSP, so a hostile PDF or HTML
// disguised as one never runs on the console's origin; only files of that conversation are reachable.
import type { Request, Response, Server } from 'restify';
import { NotFoundError } from '../../domain/errors';
import { HandoffConsoleService } from '../../services/handoffConsoleService';
import { StagedFileStore } from '../../storage/stagedFiles';
import { GuardOptions, requireAgent } from './agentHttp';
import { asPdfName, cleanFileName } from '../../domain/fileNames';
import { startsAsPdf } from '../../services/pdfInspection';

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
export function attachmentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

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
      const bytes = await deps.stagedFiles.read(file.stagedId);
      const pdf = startsAsPdf(bytes);
      const sentAs = cleanFileName(file.name, 'documento');
      // The type comes from the bytes, never from what the sender declared; a photo the bot turned into a
      // PDF (same upload) downloads as "foto.pdf", not as a ".jpg" holding a PDF.
      const name = pdf ? asPdfName(sentAs) : sentAs;
      res.setHeader('Content-Type', pdf ? 'application/pdf' : 'application/octet-stream');
      res.setHeader('Content-Disposition', attachmentDisposition(name));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      res.setHeader('Content-Length', bytes.length);
      res.writeHead(200);
      res.end(bytes);
    }),
  );
}
