// The handoff as the user lives it, on TestAdapter with the real middleware and a SQLite database:
// ask, wait with a place in the queue, the agent joins, both talk, the agent hands back and the bot
// resumes the interrupted task; leaving the queue; expiry on a fixed clock; a restart in the middle.
import { Activity, ConversationAccount } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { common } from '../../dialogs/messages';
import { handoff as texts } from '../../dialogs/messages/handoff';
import { REDACTED } from '../../src/domain/masking';
import {
  CASE_QUESTION,
  CASE_RETRY,
  createHandoffHarness,
  filedText,
  HandoffHarness,
  PASSWORD_QUESTION,
} from './handoffHarness';

const KEY = 'test:Convo1';
const textsOf = (activities: Partial<Activity>[]) => activities.map((a) => a.text);

let h: HandoffHarness;
afterEach(async () => {
  await h?.close();
});

async function startCase(harness: HandoffHarness): Promise<void> {
  await harness.say('hola');
  expect(textsOf(await harness.say('PQRDS'))).toEqual([CASE_QUESTION]);
}

describe('asking for a person mid-task', () => {
  it('queues, relays both ways, hands back and the bot resumes the interrupted question', async () => {
    h = await createHandoffHarness();
    await startCase(h);

    expect(textsOf(await h.say('asesor'))).toEqual([texts.queued(1), texts.whileWaiting]);
    expect(h.lastEvents().map((e) => e.name)).toEqual(['handoff.initiate']);
    expect(textsOf(await h.say('¿hay alguien?'))).toEqual([texts.stillWaiting(1)]);

    const agent = await h.agent();
    const [waiting] = await h.service.list(['pending']);
    expect(waiting.activeTask).toBe('pqrdsDialog');
    await h.service.take(agent, waiting.id);
    expect(textsOf(h.drain())).toEqual([texts.agentJoined('Laura')]);

    // While the agent holds it, the bot is silent: "menú" goes to the agent too.
    expect(await h.say('Necesito una autorización urgente')).toEqual([]);
    expect(await h.say('menú')).toEqual([]);
    await h.service.reply(agent, waiting.id, { text: 'Claro, ¿para qué servicio?' });
    expect(textsOf(h.drain())).toEqual(['Claro, ¿para qué servicio?']);

    const liveMessages = h.events.flatMap((e) => (e.type === 'message' ? [e.entry] : []));
    expect(liveMessages.map((m) => [m.author, m.text])).toContainEqual(['user', 'Necesito una autorización urgente']);
    expect(liveMessages.map((m) => [m.author, m.text])).toContainEqual(['agent', 'Claro, ¿para qué servicio?']);

    await h.service.resolve(agent, waiting.id);
    expect(textsOf(h.drain())).toEqual([texts.resolved, CASE_QUESTION]);

    // The task goes on where it stopped.
    expect(textsOf(await h.say('Mi autorización de resonancia no sale'))).toEqual([PASSWORD_QUESTION]);
    expect(textsOf(await h.say('Clave#2026'))[0]).toBe(filedText('Mi autorización de resonancia no sale'));
  });

  it('keeps the whole conversation for the agent, bot turns included and secrets hidden', async () => {
    h = await createHandoffHarness();
    await startCase(h);
    await h.say('Mi autorización de resonancia no sale');
    await h.say('Clave#2026');
    await h.say('asesor');

    const entries = await h.transcripts.list(KEY);
    const lines = entries.map((e) => `${e.author}: ${e.text ?? ''}`);
    expect(lines).toContain(`bot: ${common.welcome}`);
    expect(lines).toContain(`user: PQRDS`);
    expect(lines).toContain(`bot: ${CASE_QUESTION}`);
    expect(lines).toContain(`user: ${REDACTED}`);
    expect(lines.join('\n')).not.toContain('Clave#2026');
    // Order: each user message before what the bot answered to it.
    expect(lines.indexOf('user: PQRDS')).toBeLessThan(lines.indexOf(`bot: ${CASE_QUESTION}`));
    // The options the user saw are kept with the menu.
    expect(entries.find((e) => e.options?.includes('PQRDS'))).toBeDefined();
  });

  it('lets the user leave the queue with "cancelar" and resumes the task', async () => {
    h = await createHandoffHarness();
    await startCase(h);
    await h.say('asesor');
    expect(textsOf(await h.say('cancelar'))).toEqual([texts.leftQueue, CASE_QUESTION]);
    expect(await h.service.findOpen(KEY)).toBeUndefined();
    // The bot answers again.
    expect(textsOf(await h.say('corto'))).toEqual([CASE_RETRY]);
  });

  it('lets the user end the talk with the agent with "salir"', async () => {
    h = await createHandoffHarness();
    await startCase(h);
    await h.say('asesor');
    const [waiting] = await h.service.list(['pending']);
    await h.service.take(await h.agent(), waiting.id);
    h.drain();
    expect(textsOf(await h.say('salir'))).toEqual([texts.leftAgent, CASE_QUESTION]);
    const closed = await h.service.get(waiting.id);
    expect([closed.status, closed.exitReason]).toEqual(['cancelled', 'user_left']);
  });

  it('tells each user their own place in the queue', async () => {
    h = await createHandoffHarness();
    await h.say('hola');
    await h.say('asesor');
    h.clock.advance(1000);
    const second: ConversationAccount = { id: 'Convo2', isGroup: false, conversationType: 'personal', name: '' };
    await h.say({ text: 'hola', conversation: second });
    expect(textsOf(await h.say({ text: 'asesor', conversation: second }))).toEqual([texts.queued(2), texts.whileWaiting]);
    expect(textsOf(await h.say({ text: 'asesor', conversation: second }))).toEqual([texts.stillWaiting(2)]);
  });

  it('from the menu option, comes back to the menu after the agent', async () => {
    h = await createHandoffHarness();
    await h.say('hola');
    expect(textsOf(await h.say('Hablar con un asesor'))).toEqual([texts.queued(1), texts.whileWaiting]);
    const agent = await h.agent();
    const [waiting] = await h.service.list(['pending']);
    await h.service.take(agent, waiting.id);
    h.drain();
    await h.service.resolve(agent, waiting.id);
    const back = h.drain();
    expect(back[0].text).toBe(texts.resolved);
    expect(back[1].suggestedActions?.actions.map((a) => a.title)).toContain('PQRDS');
  });
});

describe('outside business hours', () => {
  it('says when agents attend and lets the user keep using the bot', async () => {
    // Saturday 2026-11-28 15:00 in Bogotá: closed until Monday 07:00.
    h = await createHandoffHarness({ hours: 'mon-fri 07:00-19:00; sat 08:00-12:00', now: '2026-11-28T20:00:00Z' });
    await startCase(h);
    const replies = textsOf(await h.say('asesor'));
    expect(replies).toEqual([
      texts.outsideHours('lunes a viernes de 7:00 a 19:00; sábado de 8:00 a 12:00 (excepto festivos)', 'el lunes a las 7:00'),
    ]);
    // Not silent: the task continues.
    expect(textsOf(await h.say('Mi autorización de resonancia no sale'))).toEqual([PASSWORD_QUESTION]);
    const [callback] = await h.service.list(['pending']);
    expect([callback.mode, callback.expiresAt]).toEqual(['callback', undefined]);
  });
});

/** A user asked for a person mid-task, nobody came in 10 minutes, and the offer was sent. */
async function expiredMidTask(): Promise<void> {
  h = await createHandoffHarness();
  await startCase(h);
  await h.say('asesor');
  h.clock.advance(10 * 60_000);
  await h.service.sweepExpired();
  h.drain();
}

describe('expiry', () => {
  it('after N minutes without an agent, tells the user and offers the bot or a callback', async () => {
    h = await createHandoffHarness();
    await startCase(h);
    await h.say('asesor');
    h.clock.advance(9 * 60_000);
    expect(await h.service.sweepExpired()).toBe(0);
    h.clock.advance(60_000);
    expect(await h.service.sweepExpired()).toBe(1);
    const notice = h.drain();
    expect(notice[0].text).toBe(texts.expired(10));
    expect(notice[0].suggestedActions?.actions.map((a) => a.title)).toEqual([...texts.expiredOptions]);
    // The sweep does not tell twice.
    expect(await h.service.sweepExpired()).toBe(0);

    expect(textsOf(await h.say('2'))).toEqual([texts.callbackQueued, CASE_QUESTION]);
    const [callback] = await h.service.list(['pending']);
    expect(callback.mode).toBe('callback');
    // The user keeps using the bot while waiting for the callback.
    expect(textsOf(await h.say('corto'))).toEqual([CASE_RETRY]);
    // When an agent takes the callback, the conversation is theirs.
    const agent = await h.agent();
    await h.service.take(agent, callback.id);
    expect(textsOf(h.drain())).toEqual([texts.agentJoined('Laura')]);
    expect(await h.say('Gracias por escribir')).toEqual([]);
  });

  it('the offer lapses: an answer long after is an ordinary message for the bot', async () => {
    await expiredMidTask();
    h.clock.advance(31 * 60_000);
    expect(textsOf(await h.say('2'))).toEqual([CASE_RETRY]);
    expect(await h.service.list(['pending'])).toEqual([]);
  });

  it('going on with the bot after an expiry resumes the task', async () => {
    await expiredMidTask();
    expect(textsOf(await h.say('seguir con el asistente'))).toEqual([texts.backToBot, CASE_QUESTION]);
    expect(await h.service.list(['pending'])).toEqual([]);
  });
});

describe('restart', () => {
  it('a new service on the same database still knows who waits and who holds the conversation', async () => {
    h = await createHandoffHarness();
    await startCase(h);
    await h.say('asesor');

    const after = h.restart();
    expect(textsOf(await after.say('¿siguen ahí?'))).toEqual([texts.stillWaiting(1)]);
    const agent = await after.agent();
    const [waiting] = await after.service.list(['pending']);
    await after.service.take(agent, waiting.id);
    expect(textsOf(after.drain())).toEqual([texts.agentJoined('Laura')]);

    // Expiry also survives: nothing is lost with the process.
    const again = after.restart();
    await again.service.resolve(agent, waiting.id);
    expect(textsOf(again.drain())).toEqual([texts.resolved, CASE_QUESTION]);
  });
});

describe('repeated failures', () => {
  it('offers a person in the retry after three failed answers, and files the request as repeated_failures', async () => {
    h = await createHandoffHarness();
    await startCase(h);
    expect(textsOf(await h.say('no'))).toEqual([CASE_RETRY]);
    expect(textsOf(await h.say('no sé'))).toEqual([CASE_RETRY]);
    expect(textsOf(await h.say('eh'))).toEqual([`${CASE_RETRY}\n\n${texts.repeatedFailuresHint}`]);
    await h.say('asesor');
    const [waiting] = await h.service.list(['pending']);
    expect(waiting.reason).toBe('repeated_failures');
  });
});

describe('repeated failures at a numbered question', () => {
  it('adds the hint to the re-asked menu and keeps its options', async () => {
    h = await createHandoffHarness();
    await h.say('hola');
    await h.say('quiero algo raro');
    await h.say('otra cosa');
    const [third] = await h.say('no entiendo');
    expect(third.text).toContain(texts.repeatedFailuresHint);
    expect(third.suggestedActions?.actions.map((a) => a.title)).toContain('PQRDS');
  });
});
