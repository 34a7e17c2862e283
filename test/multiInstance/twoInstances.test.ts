// Two instances on one PostgreSQL behind a round-robin proxy, no sticky sessions: a conversation keeps
// its state whichever instance serves each message; a web chat streams on one instance what the other
// answered, and polls the whole conversation from either; simultaneous messages of many conversations are
// neither lost nor doubled (turns of one conversation are serialised across instances); an agent signed
// in on one instance sees and answers a user served by the other (LISTEN/NOTIFY); an instance that dies
// mid-run loses no turn that was answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { common } from '../../dialogs/messages/common';
import { handoff as handoffTexts } from '../../dialogs/messages/handoff';
import { identity } from '../../dialogs/messages/identity';
import { AgentClient } from '../helpers/agentClient';
import { WebChatUser } from '../helpers/testApp';
import { POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from '../helpers/testDb';
import { waitUntil } from '../helpers/wait';
import { Cluster, say, startCluster, startFakeConnector } from './cluster';

describe.skipIf(!TEST_DATABASE_URL)(`two instances on one PostgreSQL${TEST_DATABASE_URL ? '' : ` — ${POSTGRES_SKIP_REASON}`}`, () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(TEST_DATABASE_URL!);
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  }, 120_000);

  it('a conversation alternating between instances keeps its place in a dialog', async () => {
    const [a, b] = cluster.instances;
    const conversation = 'alternating-1';
    expect((await say(a.url, conversation, 'hola')).join('\n')).toContain(common.welcome);
    expect((await say(b.url, conversation, '1')).join('\n')).toContain(identity.documentTypeQuestion);
    expect((await say(a.url, conversation, 'cédula')).join('\n')).toContain('Escribe el número de tu');
    expect((await say(b.url, conversation, '1045678901')).join('\n')).toContain(identity.mobileQuestion);
  }, 60_000);

  it('100 conversations × 10 simultaneous messages: every message answered once, none lost or doubled', async () => {
    const conversations = Array.from({ length: 100 }, (_, c) => `burst-${c}`);
    const before = [...cluster.forwarded];
    const answers = await Promise.all(
      conversations.flatMap((conversation) => Array.from({ length: 10 }, (_, i) => say(cluster.proxyUrl, conversation, i % 2 ? 'ayuda' : 'hola', undefined, `${conversation}-${i}`))),
    );
    expect(answers.every((texts) => texts.length > 0)).toBe(true);
    expect(answers.flat().some((text) => text === common.turnError)).toBe(false);
    // Both instances took their share.
    expect(cluster.forwarded[0] - before[0]).toBeGreaterThan(100);
    expect(cluster.forwarded[1] - before[1]).toBeGreaterThan(100);
    const rows = (await cluster.instances[0].app
      .knex('transcript_entries')
      .select('conversation_key')
      .count({ n: '*' })
      .where('author', 'user')
      .whereIn('conversation_key', conversations.map((c) => `emulator:${c}`))
      .groupBy('conversation_key')) as Array<{ conversation_key: string; n: string | number }>;
    expect(rows).toHaveLength(100);
    expect(rows.every((row) => Number(row.n) === 10)).toBe(true);
  }, 240_000);

  it('an agent signed in on one instance takes and answers a user served by the other', async () => {
    const [a, b] = cluster.instances;
    const connector = await startFakeConnector();
    try {
      const agent = new AgentClient(a.url);
      expect((await agent.login('asesor@demo.local', 'asesor-demo-2026')).status).toBe(200);
      const events = await openEvents(a.url, agent.cookie!);
      try {
        const conversation = 'handoff-across';
        await say(b.url, conversation, 'hola', connector.serviceUrl);
        expect((await say(b.url, conversation, 'asesor', connector.serviceUrl)).join('\n')).toContain(handoffTexts.queued(1).slice(0, 30));
        const queued = await events.next((e) => e.event === 'handoff');
        const handoffId = (queued.data as { id: string }).id;
        expect((await agent.post(`/api/agent/handoffs/${handoffId}/take`, undefined, { origin: a.url })).status).toBe(200);

        await say(b.url, conversation, 'necesito ayuda con mi orden', connector.serviceUrl);
        const relayed = await events.next((e) => e.event === 'message' && JSON.stringify(e.data).includes('necesito ayuda con mi orden'));
        expect((relayed.data as { handoffId: string }).handoffId).toBe(handoffId);

        expect((await agent.post(`/api/agent/handoffs/${handoffId}/messages`, { text: 'Hola, soy del equipo de autorizaciones' }, { origin: a.url })).status).toBeLessThan(300);
        expect(connector.received.some((m) => m.conversationId === conversation && m.text === 'Hola, soy del equipo de autorizaciones')).toBe(true);
      } finally {
        events.close();
      }
    } finally {
      await connector.close();
    }
  }, 60_000);

  it('a web chat user held by one instance gets the reply of an agent signed in on the other', async () => {
    const [a, b] = cluster.instances;
    const agent = new AgentClient(a.url);
    expect((await agent.login('supervisor@demo.local', 'supervisor-demo-2026')).status).toBe(200);
    const events = await openEvents(a.url, agent.cookie!);
    try {
      const { user } = await WebChatUser.open(b.url);
      expect((await user.say('asesor')).join('\n')).toContain('te comunico con un asesor');
      const queued = await events.next((e) => e.event === 'handoff' && JSON.stringify(e.data).includes('pending'));
      const handoffId = (queued.data as { id: string }).id;
      expect((await agent.post(`/api/agent/handoffs/${handoffId}/take`, undefined, { origin: a.url })).status).toBe(200);
      expect((await agent.post(`/api/agent/handoffs/${handoffId}/messages`, { text: 'Te escribe el supervisor' }, { origin: a.url })).status).toBeLessThan(300);
      const seen: string[] = [];
      await waitUntil(
        async () => (seen.push(...(await user.read())), seen.some((text) => text.includes('Te escribe el supervisor'))),
        () => `the agent's reply on the web chat (saw: ${seen.join(' | ')})`,
      );
    } finally {
      events.close();
    }
  }, 60_000);

  it('a web chat alternating between instances keeps its dialog, and its stream on one gets every reply the other produced', async () => {
    const [a, b] = cluster.instances;
    // Token from one instance, conversation started on the other: nothing of it is kept in a process.
    const ticket = (await (await fetch(`${a.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as {
      token: string;
      conversationId: string;
    };
    const conversation = ticket.conversationId;
    const auth = { authorization: `Bearer ${ticket.token}` };
    const started = await fetch(`${b.url}/v3/directline/conversations`, { method: 'POST', headers: auth });
    expect(started.status).toBe(201);
    const stream = await openStream(`${a.url.replace('http', 'ws')}/v3/directline/conversations/${conversation}/stream?t=${encodeURIComponent(ticket.token)}`);
    try {
      const botSays = (text: string) => stream.until(() => stream.seen.some((activity) => activity.from.id === 'oficina-virtual' && (activity.text ?? '').includes(text)));
      await botSays(common.welcome);
      const post = async (base: string, text: string) => {
        const response = await fetch(`${base}/v3/directline/conversations/${conversation}/activities`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text, from: { id: 'x' } }),
        });
        expect(response.status).toBe(200);
      };
      // Posts to the instance without the stream, then to the one with it: the dialog goes on either way.
      await post(b.url, '1');
      await botSays(identity.documentTypeQuestion);
      await post(a.url, 'cédula');
      await botSays('Escribe el número de tu');
      await post(b.url, '1045678901');
      await botSays(identity.mobileQuestion);
      // Far larger than a NOTIFY payload: signals carry ids, the stream reads the activity from the log.
      const long = `mi celular lo cambié ${'y'.repeat(9000)}`;
      await post(b.url, long);
      await stream.until(() => stream.seen.some((activity) => activity.from.id !== 'oficina-virtual' && activity.text === long));

      // A refreshed token on one instance and a reconnect on the other resume the same conversation.
      const refreshed = (await (await fetch(`${b.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth })).json()) as { conversationId: string; token: string };
      expect(refreshed.conversationId).toBe(conversation);
      expect((await fetch(`${a.url}/v3/directline/conversations/${conversation}`, { headers: { authorization: `Bearer ${refreshed.token}` } })).status).toBe(200);

      // Polling through the other instance sees the whole conversation, in the order the stream had it.
      const polled = (await (await fetch(`${b.url}/v3/directline/conversations/${conversation}/activities?watermark=0`, { headers: auth })).json()) as {
        activities: StreamActivity[];
      };
      const botIds = (list: StreamActivity[]) => list.filter((activity) => activity.from.id === 'oficina-virtual').map((activity) => activity.id);
      await stream.until(() => botIds(stream.seen).length >= botIds(polled.activities).length);
      expect(botIds(stream.seen)).toEqual(botIds(polled.activities));
      expect(new Set(stream.seen.map((activity) => activity.id)).size).toBe(stream.seen.length);
      expect(polled.activities.filter((activity) => activity.from.id !== 'oficina-virtual').map((activity) => activity.text)).toEqual(['1', 'cédula', '1045678901', long]);
    } finally {
      stream.close();
    }
  }, 60_000);

  it('an instance that dies mid-run loses no answered turn', async () => {
    const [, b] = cluster.instances;
    const answered: string[] = [];
    const conversations = Array.from({ length: 20 }, (_, c) => `crash-${c}`);
    let crashed = false;
    await Promise.all(
      conversations.map(async (conversation, c) => {
        for (let i = 0; i < 8; i++) {
          if (c === 0 && i === 3 && !crashed) {
            crashed = true;
            await b.crash();
          }
          const id = `${conversation}-${i}`;
          try {
            if ((await say(cluster.proxyUrl, conversation, 'ayuda', undefined, id)).length > 0) answered.push(id);
          } catch {
            // The request died with the instance: the user would send it again.
          }
        }
      }),
    );
    expect(crashed).toBe(true);
    expect(answered.length).toBeGreaterThan(100);
    const stored = (await cluster.instances[0].app
      .knex('transcript_entries')
      .select('conversation_key')
      .count({ n: '*' })
      .where('author', 'user')
      .whereIn('conversation_key', conversations.map((c) => `emulator:${c}`))
      .groupBy('conversation_key')) as Array<{ conversation_key: string; n: string | number }>;
    const storedTotal = stored.reduce((sum, row) => sum + Number(row.n), 0);
    expect(storedTotal).toBeGreaterThanOrEqual(answered.length);
  }, 120_000);
});

interface StreamActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string };
}

/** Waits until something arrives (a waiter is called) or `ms` pass, whichever comes first. */
function wokenOrTimedOut(waiters: Array<() => void>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    waiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A Direct Line stream read as Web Chat does, with a bounded wait for the activity a test needs. */
async function openStream(url: string): Promise<{ seen: StreamActivity[]; until(condition: () => boolean, timeoutMs?: number): Promise<void>; close(): void }> {
  const ws = new WebSocket(url);
  const seen: StreamActivity[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    if (!text) return;
    seen.push(...(JSON.parse(text) as { activities: StreamActivity[] }).activities);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    seen,
    async until(condition, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`the stream did not get it within ${timeoutMs} ms (saw: ${seen.map((a) => a.text?.slice(0, 40)).join(' | ')})`);
        await wokenOrTimedOut(waiters, left);
      }
    },
    close: () => ws.close(),
  };
}

interface SseEvent {
  event: string;
  data: unknown;
}

/** The console's live events, read as a browser would, with a bounded wait for the one a test needs. */
async function openEvents(baseUrl: string, cookie: string): Promise<{ next(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/agent/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`events: ${response.status}`);
  const seen: SseEvent[] = [];
  const waiters: Array<() => void> = [];
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event && data) seen.push({ event, data: JSON.parse(data) as unknown });
          for (const wake of waiters.splice(0)) wake();
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return {
    async next(match, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find(match);
        if (found) {
          seen.splice(seen.indexOf(found), 1);
          return found;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching console event within ${timeoutMs} ms (saw: ${seen.map((e) => e.event).join(', ') || 'nothing'})`);
        await wokenOrTimedOut(waiters, left);
      }
    },
    close: () => controller.abort(),
  };
}
