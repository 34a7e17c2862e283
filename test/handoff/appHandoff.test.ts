// The handoff in the whole application as `npm start` builds it (src/app.ts): a web chat user asks for a
// person mid-task, the demo agent signs in to the console API, takes the conversation, both talk, and
// when the agent hands back the bot resumes the task.
import { afterEach, expect, it } from 'vitest';
import { handoff as texts } from '../../dialogs/messages/handoff';
import { startTestApp, TestApp, WebChatUser } from '../helpers/testApp';
import { AgentClient } from '../helpers/agentClient';
import { describeEngines } from '../helpers/testDb';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

interface Item {
  id: string;
  channel: string;
  task: string;
}

describeEngines('handoff in the app', (engine) => {
  it('web chat user ↔ console agent, then back to the interrupted task', async () => {
    t = await startTestApp({ engine });
    const { user } = await WebChatUser.open(t.baseUrl);
    const question = (await user.say('Certificados')).at(-1);
    expect((await user.say('asesor')).join('\n')).toContain(texts.queued(1));

    const agent = new AgentClient(t.baseUrl);
    expect((await agent.login('asesor@demo.local', 'asesor-demo-2026')).status).toBe(200);
    const [item] = (await agent.get<Item[]>('/api/agent/handoffs?status=pending')).body;
    expect(item).toMatchObject({ channel: 'webchat' });
    expect((await agent.post(`/api/agent/handoffs/${item.id}/take`)).status).toBe(200);
    expect(await user.read()).toEqual([texts.agentJoined('Laura', 'asesora')]);

    // The bot stays silent while the agent holds the conversation.
    expect(await user.say('Necesito el certificado para el colegio')).toEqual([]);
    const transcript = await agent.get<{ entries: Array<{ author: string; text?: string }> }>(`/api/agent/handoffs/${item.id}/transcript`);
    expect(transcript.body.entries.at(-1)).toMatchObject({ author: 'user', text: 'Necesito el certificado para el colegio' });
    await agent.post(`/api/agent/handoffs/${item.id}/messages`, { text: 'Claro, te explico cómo descargarlo.' });
    expect(await user.read()).toEqual(['Claro, te explico cómo descargarlo.']);

    await agent.post(`/api/agent/handoffs/${item.id}/resolve`);
    const back = await user.read();
    expect(back[0]).toBe(texts.resolved);
    // Resumed where it was: the question the user had not answered yet, asked again.
    expect(back.slice(1).join('\n')).toBe(question);
  });

  it('the console page is served with a strict CSP', async () => {
    t = await startTestApp({ engine });
    const res = await fetch(`${t.baseUrl}/agent`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Consola de asesores');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
