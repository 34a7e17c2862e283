// Words of a life at risk, anywhere in a conversation: the guidance comes at once and the conversation
// jumps to the head of the agents' queue, marked urgent; ordinary requests that merely say "urgencias"
// raise no alarm. Before this, "mi mamá no respira" got "No entendí" and the menu.
import { Activity, ConversationAccount } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { emergency } from '../../dialogs/messages/emergency';
import { handoff as texts } from '../../dialogs/messages/handoff';
import { CASE_QUESTION, createHandoffHarness, HandoffHarness } from './handoffHarness';

const textsOf = (activities: Partial<Activity>[]) => activities.map((a) => a.text);
const other: ConversationAccount = { id: 'Convo2', isGroup: false, conversationType: 'personal', name: '' };

let h: HandoffHarness;
afterEach(async () => {
  await h?.close();
});

describe('vital risk', () => {
  it('at the menu: tells what to do, queues the conversation first and marks it urgent', async () => {
    h = await createHandoffHarness();
    // Someone else asked for a person earlier.
    await h.say({ text: 'hola', conversation: other });
    await h.say({ text: 'asesor', conversation: other });
    h.clock.advance(60_000);

    await h.say('hola');
    expect(textsOf(await h.say('mi mamá no respira'))).toEqual([emergency.emergency, emergency.urgentQueued]);
    expect(h.lastEvents().map((e) => e.name)).toEqual(['handoff.initiate']);

    const queue = await h.service.list(['pending']);
    expect(queue.map((q) => [q.conversationKey, q.reason, q.urgent])).toEqual([
      ['test:Convo1', 'vital_risk', true],
      ['test:Convo2', 'user_request', false],
    ]);
    expect(await h.service.positionOf(queue[0])).toBe(1);
    expect(await h.service.positionOf(queue[1])).toBe(2);
    // The person who asked first is told the truth about their new place.
    expect(textsOf(await h.say({ text: '¿ya?', conversation: other }))).toEqual([texts.stillWaiting(2)]);
  });

  it('mid-task: answers at once and keeps the task for after the agent', async () => {
    h = await createHandoffHarness();
    await h.say('hola');
    expect(textsOf(await h.say('PQRDS'))).toEqual([CASE_QUESTION]);
    expect(textsOf(await h.say('Mi hijo está convulsionando'))).toEqual([emergency.emergency, emergency.urgentQueued]);
    const [waiting] = await h.service.list(['pending']);
    expect([waiting.urgent, waiting.activeTask]).toEqual([true, 'pqrdsDialog']);
  });

  it('self-harm words add the mental-health lines', async () => {
    h = await createHandoffHarness();
    await h.say('hola');
    expect(textsOf(await h.say('ya no puedo más, me quiero morir'))).toEqual([emergency.selfHarm, emergency.urgentQueued]);
    expect(emergency.selfHarm).toMatch(/123/);
    expect(emergency.selfHarm).toMatch(/192, opción 4/);
  });

  it('while an agent holds the conversation: the guidance still comes and the handoff becomes urgent', async () => {
    h = await createHandoffHarness();
    await h.say('hola');
    await h.say('asesor');
    const agent = await h.agent();
    const [waiting] = await h.service.list(['pending']);
    expect(waiting.urgent).toBe(false);
    await h.service.take(agent, waiting.id);
    h.drain();

    expect(textsOf(await h.say('tengo un dolor en el pecho muy fuerte'))).toEqual([emergency.emergency, emergency.urgentAgentTold]);
    const held = await h.service.get(waiting.id);
    expect([held.status, held.agentId, held.urgent]).toEqual(['assigned', agent.id, true]);
    expect(h.events.some((e) => e.type === 'handoff' && e.handoff.id === waiting.id && e.handoff.urgent)).toBe(true);
  });

  it('outside business hours: says not to wait and leaves the case first for the morning', async () => {
    h = await createHandoffHarness({ hours: 'mon-fri 07:00-19:00', now: '2026-11-28T15:00:00Z' }); // a Saturday
    await h.say('hola');
    expect(textsOf(await h.say('mi papá se desmayó'))).toEqual([emergency.emergency, emergency.urgentOutsideHours]);
    const [callback] = await h.service.list(['pending']);
    expect([callback.mode, callback.urgent]).toEqual(['callback', true]);
  });

  it.each(['autorización de una consulta de urgencias', 'certificado para urgencias'])('"%s" is an ordinary request: no alarm, no queue', async (said) => {
    h = await createHandoffHarness();
    await h.say('hola');
    const replies = textsOf(await h.say(said));
    expect(replies).not.toContain(emergency.emergency);
    expect(replies.join('\n')).not.toMatch(/123/);
    expect(await h.service.list(['pending'])).toEqual([]);
  });
});
