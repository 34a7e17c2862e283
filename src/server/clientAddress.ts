// The address every per-client limit is keyed on. For now the socket's peer; behind a proxy this is
// where the trusted forwarding headers get read, in one place for every limit.
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: Pick<IncomingMessage, 'socket'>): string {
  return req.socket?.remoteAddress ?? 'unknown';
}
