// Two people on one shared computer write in the same web chat conversation. The agent who takes the
// second person's request reads only that person's session: not what the first one wrote before "salir",
// and not what was typed before the second one logged in.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, WebChatUser } from '../helpers/testApp';
import { AgentClient } from '../helpers/agentClient';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

interface Transcript {
  entries: Array<{ author: string; text?: string }>;
}

async function agentReads(app: TestApp): Promise<string> {
  const agent = new AgentClient(app.baseUrl);
  await agent.login('asesor@demo.local', 'asesor-demo-2026');
  const [item] = (await agent.get<Array<{ id: string }>>('/api/agent/handoffs?status=pending')).body;
  const transcript = await agent.get<Transcript>(`/api/agent/handoffs/${item!.id}/transcript`);
  return transcript.body.entries.map((e) => `${e.author}: ${e.text ?? ''}`).join('\n');
}

describe('handoff transcript on a shared computer', () => {
  it("after Ana's 'salir', the next person's agent does not read Ana's session", async () => {
    t = await startTestApp();
    const { user } = await WebChatUser.open(t.baseUrl);
    await user.say('Estado de autorizaciones');
    await user.say('CC 1045678904');
    expect((await user.say('Cajacopi#2026')).join('\n')).toMatch(/Ya iniciaste sesión/);
    await user.say('Autorizaciones');
    await user.say('salir');

    t.clock.advance(60_000);
    await user.say('hola');
    await user.say('Necesito ayuda con una cita de mi mamá');
    await user.say('asesor');

    const read = await agentReads(t);
    expect(read).toContain('Necesito ayuda con una cita de mi mamá');
    expect(read).not.toMatch(/1045678904|2026004511|Estado de autorizaciones|Ana/);
  });

  it('what was typed before Ana logged in stays out of her request', async () => {
    t = await startTestApp();
    const { user } = await WebChatUser.open(t.baseUrl);
    // Someone before her: started registering with their own document, then walked away.
    await user.say('Registrarme');
    await user.say('CC 1045678901');
    await user.say('cancelar');

    t.clock.advance(60_000);
    await user.say('Estado de autorizaciones');
    await user.say('CC 1045678904');
    await user.say('Cajacopi#2026');
    await user.say('asesor');

    const read = await agentReads(t);
    expect(read).toContain('asesor');
    expect(read).not.toContain('1045678901');
    expect(read).not.toContain('Registrarme');
  });
});
