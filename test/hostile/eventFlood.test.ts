// Hostile client: a free web chat token used to fill the server's memory with events. Oversized values
// are refused with 413, a flood with 429, the store stays within its byte budget, nothing of the events
// reaches the logs, and an ordinary user keeps chatting through it all.
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { common } from '../../dialogs/messages/common';
import { TestServer, startTestServer } from '../channels/directline/testServer';
import { waitUntil } from '../helpers/wait';
import { Answer, botSaysEventually, postActivity, requestToken, startConversation } from './hostileClient';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t.close();
});

async function openChat(): Promise<{ token: string; conversationId: string }> {
  const ticket = await requestToken(t.url);
  expect(ticket.status).toBe(200);
  expect((await startConversation(t.url, ticket.token!)).status).toBe(201);
  return { token: ticket.token!, conversationId: ticket.conversationId! };
}

interface RawAnswer {
  status: number;
  connection: string | undefined;
  /** The request went over a connection an earlier one had opened. */
  reusedSocket: boolean;
}

/** One post through `agent` (keep-alive, as browsers and fetch do), seeing which connection it took. */
function rawPost(agent: Agent, chat: { token: string; conversationId: string }, body: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${t.url}/v3/directline/conversations/${chat.conversationId}/activities`,
      { method: 'POST', agent, headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, reusedSocket: req.reusedSocket }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

describe('an event flood', () => {
  it('refuses an event whose value is 250 KB, or only 10 KB, with 413 and a reason in Spanish', async () => {
    const { token, conversationId } = await openChat();
    const huge = await postActivity(t.url, conversationId, token, { type: 'event', name: 'x', value: 'v'.repeat(250 * 1024) });
    expect(huge).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(huge.message).toMatch(/El cuerpo supera el límite/);
    const large = await postActivity(t.url, conversationId, token, { type: 'event', name: 'x', value: 'v'.repeat(10 * 1024) });
    expect(large).toMatchObject({ status: 413, code: 'value_too_large' });
    expect(large.message).toMatch(/supera 4 KB/);
  });

  it('from four conversations is cut off with 429, keeps the store within budget, and logs no payload', async () => {
    const chats = await Promise.all([1, 2, 3, 4].map(() => openChat()));
    const payload = `SECRETO-${'p'.repeat(3000)}`;
    const answers: Answer[] = [];
    await Promise.all(
      chats.map(async ({ token, conversationId }) => {
        for (let i = 0; i < 80; i++) answers.push(await postActivity(t.url, conversationId, token, { type: 'event', name: 'flood', value: payload }));
      }),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(4 * t.channel.limits.activities.burst + 8);
    expect(refused.length).toBeGreaterThan(150);
    expect(refused[0]).toMatchObject({ code: 'too_many_activities' });
    expect(refused[0]!.message).toMatch(/Espera un momento/);
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThanOrEqual(1);

    const usage = await t.channel.store.usage();
    const budget = t.channel.store.budget;
    expect(usage.bytes).toBeLessThanOrEqual(budget.maxTotalBytes);
    expect(usage.bytes).toBeLessThanOrEqual(usage.conversations * budget.maxBytesPerConversation);
    expect(t.logger.lines.join('\n')).not.toContain('SECRETO');
  });

  it('is refused over the connection the client already has, so a flood does not open one connection per post', async () => {
    const chat = await openChat();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Events that pass the size check and 250 KB ones that do not, as a flooding script sends them.
      const events = [3, 250].map((kb) => JSON.stringify({ type: 'event', name: 'flood', value: 's'.repeat(kb * 1024) }));
      const answers: RawAnswer[] = [];
      for (let i = 0; i < t.channel.limits.activities.burst + 10; i++) answers.push(await rawPost(agent, chat, events[i % 2]!));
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(9);
      expect(refused.every((a) => a.connection !== 'close')).toBe(true);
      // Whatever comes after a refusal goes over the same connection.
      const afterRefusals = answers.slice(1).filter((_, i) => answers[i]!.status === 429);
      expect(afterRefusals.length).toBeGreaterThanOrEqual(8);
      expect(afterRefusals.every((a) => a.reusedSocket)).toBe(true);

      // A body far larger than any post may be is not read to keep the connection: it is closed instead.
      const huge = await rawPost(agent, chat, JSON.stringify({ type: 'event', name: 'flood', value: 'v'.repeat(1024 * 1024) }));
      expect(huge).toMatchObject({ status: 429, connection: 'close' });
    } finally {
      agent.destroy();
    }
  });

  it('leaves an ordinary user chatting normally', async () => {
    const { token, conversationId } = await openChat();
    expect((await postActivity(t.url, conversationId, token, { type: 'message', text: 'ayuda' })).status).toBe(200);
    await botSaysEventually(t.url, conversationId, token, (text) => text.startsWith(common.helpGeneral.slice(0, 30)));
  });
});

describe('turns piling up in one conversation', () => {
  it('are refused with 429 past the limit instead of queueing without end', async () => {
    const slow = await startTestServer();
    // A bot that takes its time: every turn waits until the test lets it go.
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    slow.channel.adapter.use({ onTurn: async (context, next) => (context.activity.text?.startsWith('lento') ? released.then(next) : next()) });
    try {
      const ticket = await requestToken(slow.url);
      expect((await startConversation(slow.url, ticket.token!)).status).toBe(201);
      const limit = slow.channel.limits.maxTurnsInFlight;
      const waiting = Array.from({ length: limit }, (_, i) => postActivity(slow.url, ticket.conversationId!, ticket.token!, { type: 'message', text: `lento ${i}` }));
      await slow.botReceives((a) => a.text?.startsWith('lento') === true);
      await waitUntil(() => slow.channel.turnsInFlightOf(ticket.conversationId!) === limit, `all ${limit} slow turns to start`);
      const refused = await postActivity(slow.url, ticket.conversationId!, ticket.token!, { type: 'message', text: 'lento de más' });
      expect(refused).toMatchObject({ status: 429, code: 'turns_in_progress' });
      letGo();
      expect((await Promise.all(waiting)).map((a) => a.status)).toEqual(Array.from({ length: limit }, () => 200));
      // Once they are answered, the conversation takes messages again.
      expect((await postActivity(slow.url, ticket.conversationId!, ticket.token!, { type: 'message', text: 'ayuda' })).status).toBe(200);
    } finally {
      letGo();
      await slow.close();
    }
  });
});
