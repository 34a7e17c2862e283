// Connection limits: timeouts that let a slow phone finish a 15 MB upload but not dribble headers
// forever, and a cap on connections held open at once.
import { connect, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger';
import { DEFAULT_CONNECTION_LIMITS } from '../../src/server/connectionLimits';
import { createServer } from '../../src/server/createServer';
import { MAX_UPLOAD_BYTES } from '../../src/storage/stagedFileStore';

const SLOW_PHONE_BYTES_PER_SECOND = 25 * 1024;

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('HTTP connection limits', () => {
  it('give a 15 MB upload from a slow phone time to finish, but headers only a short while', () => {
    const server = createServer({ logger: silentLogger, ready: async () => true, publicUrl: 'http://localhost' });
    const http = server.server;
    expect(http.requestTimeout).toBeGreaterThanOrEqual((MAX_UPLOAD_BYTES / SLOW_PHONE_BYTES_PER_SECOND) * 1000);
    expect(http.headersTimeout).toBeLessThanOrEqual(30_000);
    expect(http.maxConnections).toBe(DEFAULT_CONNECTION_LIMITS.maxConnections);
  });

  it('refuse connections past the cap while the open ones keep being served', async () => {
    const server = createServer({
      logger: silentLogger,
      ready: async () => true,
      publicUrl: 'http://localhost',
      connectionLimits: { ...DEFAULT_CONNECTION_LIMITS, maxConnections: 2 },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const held = [await openSocket(port), await openSocket(port)];
    try {
      const extra = await openSocket(port);
      const closed = await new Promise<boolean>((resolve) => {
        extra.once('close', () => resolve(true));
        extra.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
        extra.once('data', () => resolve(false));
      });
      expect(closed).toBe(true);
      // One of the held connections still gets its answer.
      const answer = await new Promise<string>((resolve) => {
        held[0]!.once('data', (chunk: Buffer) => resolve(chunk.toString()));
        held[0]!.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
