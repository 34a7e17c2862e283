// An agent's reply that cannot be delivered on web chat: the console is told it failed (it used to get
// 200), and the user's conversation is left alone (it used to get an apology and a reset dialog).
import { afterEach, expect, it } from 'vitest';
import { handoff as texts } from '../../dialogs/messages/handoff';
import type { DirectLineStore } from '../../src/channels/directline/directLineStore';
import { startTestApp, TestApp, WebChatUser } from '../helpers/testApp';
import { AgentClient } from '../helpers/agentClient';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

interface Item {
  id: string;
  status: string;
}

/** Makes the next append of an activity with this text fail, as a full or unreachable store would. */
function failNextAppendOf(store: DirectLineStore, text: string): void {
  const append = store.append.bind(store);
  let failed = false;
  store.append = async (conversationId, activity) => {
    if (!failed && activity.text === text) {
      failed = true;
      throw new Error('store unavailable');
    }
    return append(conversationId, activity);
  };
}

it('a web chat agent reply that fails makes the console report failure and keeps the handoff as it was', async () => {
  t = await startTestApp();
  const { user } = await WebChatUser.open(t.baseUrl);
  await user.say('Certificados');
  expect((await user.say('asesor')).join('\n')).toContain(texts.queued(1));
  const agent = new AgentClient(t.baseUrl);
  expect((await agent.login('asesor@demo.local', 'asesor-demo-2026')).status).toBe(200);
  const [item] = (await agent.get<Item[]>('/api/agent/handoffs?status=pending')).body;
  expect((await agent.post(`/api/agent/handoffs/${item!.id}/take`)).status).toBe(200);
  expect(await user.read()).toEqual([texts.agentJoined('Laura', 'asesora')]);

  failNextAppendOf(t.app.directLine.store, 'Te escribo en un momento.');
  const failed = await agent.post(`/api/agent/handoffs/${item!.id}/messages`, { text: 'Te escribo en un momento.' });
  expect(failed.status).toBeGreaterThanOrEqual(500);

  // No apology, no reset: the user still talks to the agent, and the next reply goes through.
  expect(await user.read()).toEqual([]);
  expect((await agent.get<Item[]>('/api/agent/handoffs?status=assigned')).body.map((h) => h.id)).toContain(item!.id);
  expect(await user.say('¿Sigues ahí?')).toEqual([]);
  expect((await agent.post(`/api/agent/handoffs/${item!.id}/messages`, { text: 'Sí, aquí estoy.' })).status).toBe(200);
  expect(await user.read()).toEqual(['Sí, aquí estoy.']);
});
