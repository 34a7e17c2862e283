// How long and how many: the HTTP server's own limits, so slow or piled-up connections cannot hold the
// process. Sized for the slowest legitimate client we serve: a phone on a weak mobile link sending a
// 15 MB PDF (at 25 KB/s, a little over 10 minutes). Headers, in contrast, are small and must come quickly.
import type { Server as HttpServer } from 'node:http';

export interface ConnectionLimits {
  /** Time to receive a request's headers (a client sending them a byte at a time is cut off). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Connections open at once (WebSocket streams included); past it new ones are refused. */
  maxConnections: number;
  maxHeadersCount: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 12 * 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 2500,
  maxHeadersCount: 100,
};

export function applyConnectionLimits(server: HttpServer, limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = limits.maxHeadersCount;
}
