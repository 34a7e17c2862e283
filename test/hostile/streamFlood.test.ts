// Hostile client: WebSocket streams opened without end. Each conversation may hold a few (tabs, a
// reconnect in progress); past that the upgrade is refused with 429, and each client address has a
// ceiling of its own, so one client cannot take every stream the server allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TestServer, startTestServer } from '../channels/directline/testServer';
import { mintedTicket, requestToken, startConversation } from './hostileClient';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ limits: { maxStreamsPerConversation: 2, maxStreamsPerAddress: 3 } });
});

afterAll(async () => {
  await t.close();
});

/** Opens a stream; resolves with the socket, or with the HTTP status of a refused upgrade. */
function openStream(conversationId: string, token: string): Promise<WebSocket | number> {
  const url = `${t.url.replace(/^http/, 'ws')}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

describe('a flood of WebSocket streams', () => {
  it('is refused with 429 past the share of a conversation, and past the share of an address', async () => {
    const open: WebSocket[] = [];
    try {
      const first = await requestToken(t.url);
      expect((await startConversation(t.url, first.token!)).status).toBe(201);
      for (let i = 0; i < 2; i++) open.push((await openStream(first.conversationId!, first.token!)) as WebSocket);
      expect(await openStream(first.conversationId!, first.token!)).toBe(429);

      const second = mintedTicket(t.channel);
      expect((await startConversation(t.url, second.token)).status).toBe(201);
      open.push((await openStream(second.conversationId, second.token)) as WebSocket);
      // Three streams from this address already: a fourth is refused even for a conversation with room.
      expect(await openStream(second.conversationId, second.token)).toBe(429);

      // Closing one gives the room back.
      const closed = new Promise((resolve) => open[0]!.once('close', resolve));
      open.shift()!.close();
      await closed;
      await expect.poll(async () => {
        const again = await openStream(second.conversationId, second.token);
        if (typeof again !== 'number') open.push(again);
        return typeof again;
      }, { timeout: 5000 }).toBe('object');
    } finally {
      for (const ws of open) ws.terminate();
    }
  });
});
