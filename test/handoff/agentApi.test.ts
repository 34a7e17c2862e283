// The agent API as the README documents it, probed like an attacker would: sign-in and sessions, CSRF, who may
// act on what (409 on take, transfer only by supervisors), files served safely, and user text kept as text.
import { Activity, BotAdapter } from 'botbuilder';
import { WhatsAppWindowClosedError } from '../../src/integrations/whatsappCloud/graphErrors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handoff as texts } from '../../dialogs/messages/handoff';
import { argon2idHasher } from '../../src/services/identity/passwordHasher';
import { StagedFileStore } from '../../src/storage/stagedFileStore';
import { DEMO_IDS } from '../../src/storage/seeds';
import { samplePdf } from '../helpers/pdfCorpus';
import { hugeDictionaryPdf, launchPdf } from '../helpers/pdfCorpus';
import { phonePhoto } from '../helpers/photos';
import { withTimeout } from '../helpers/wait';
import { AgentClient } from '../helpers/agentClient';
import { AgentApi, startAgentApi } from './agentApi';
import { createHandoffHarness, HandoffHarness } from './handoffHarness';

const AGENT = ['asesor@demo.local', 'asesor-demo-2026'] as const;
const SUPERVISOR = ['supervisor@demo.local', 'supervisor-demo-2026'] as const;

interface QueueItem {
  id: string;
  status: string;
  channel: string;
  reason: string;
  requestedAt: string;
  assignedTo: string | null;
  waitingMinutes: number;
  task: string;
  affiliate?: { name: string; document: string };
}
interface ErrorBody {
  error: { code: string; message: string };
}
interface Transcript {
  handoff: QueueItem;
  entries: Array<{ author: string; text?: string; attachments?: Array<{ name?: string; url?: string }> }>;
}

let h: HandoffHarness;
let api: AgentApi;

beforeEach(async () => {
  h = await createHandoffHarness();
  api = await startAgentApi({ knex: h.knex, clock: h.clock, service: h.service, bus: h.bus, heartbeatMs: 50 });
});

afterEach(async () => {
  await api.close();
  await h.close();
});

async function signedIn(credentials: readonly [string, string]): Promise<AgentClient> {
  const client = new AgentClient(api.url);
  expect((await client.login(...credentials)).status).toBe(200);
  return client;
}

/** A user in the web chat stand-in asks for a person; returns the handoff id. */
async function userAsksForAgent(): Promise<string> {
  await h.say('hola');
  await h.say('asesor');
  const [waiting] = await h.service.list(['pending']);
  return waiting.id;
}

describe('sign-in and sessions', () => {
  it('refuses a wrong password and signs in with the demo agent, with a strict HttpOnly cookie', async () => {
    const client = new AgentClient(api.url);
    const bad = await client.login(AGENT[0], 'adivinando');
    expect(bad.status).toBe(401);
    expect((bad.body as unknown as ErrorBody).error.code).toBe('invalid_credentials');

    const good = await client.login(...AGENT);
    expect(good.status).toBe(200);
    expect(good.body.agent).toMatchObject({ name: 'Laura Gómez', role: 'agent' });
    expect(good.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = good.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // PUBLIC_URL is http here
  });

  it('answers 401 without a session, and after logout or 15 idle minutes', async () => {
    expect((await new AgentClient(api.url).get('/api/agent/handoffs')).status).toBe(401);

    const client = await signedIn(AGENT);
    expect((await client.get('/api/agent/handoffs')).status).toBe(200);
    expect((await client.post('/api/agent/logout')).status).toBe(200);
    expect((await client.get('/api/agent/handoffs')).status).toBe(401);

    const idle = await signedIn(AGENT);
    h.clock.advance(14 * 60_000);
    expect((await idle.get('/api/agent/handoffs')).status).toBe(200);
    h.clock.advance(15 * 60_000 + 1);
    const expired = await idle.get<ErrorBody>('/api/agent/handoffs');
    expect([expired.status, expired.body.error.code]).toEqual([401, 'not_signed_in']);
  });

  it('slows down guessing: after 5 failures the next try waits, even with the right password', async () => {
    const client = new AgentClient(api.url);
    for (let i = 0; i < 5; i++) expect((await client.login(AGENT[0], `intento-${i}`)).status).toBe(401);
    const blocked = await client.login(...AGENT);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    h.clock.advance(31_000);
    expect((await client.login(...AGENT)).status).toBe(200);
  });
});

describe('CSRF and origin', () => {
  it('refuses state changes without the token, with a wrong one, or from another origin', async () => {
    const id = await userAsksForAgent();
    const client = await signedIn(AGENT);
    const none = await client.post<ErrorBody>(`/api/agent/handoffs/${id}/take`, undefined, { csrf: null });
    expect([none.status, none.body.error.code]).toEqual([403, 'csrf_token_invalid']);
    const wrong = await client.post<ErrorBody>(`/api/agent/handoffs/${id}/take`, undefined, { csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    const foreign = await client.post<ErrorBody>(`/api/agent/handoffs/${id}/take`, undefined, { origin: 'https://evil.example' });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'origin_not_allowed']);
    // Nothing happened to the conversation.
    expect((await h.service.get(id)).status).toBe('pending');
    expect((await client.post(`/api/agent/handoffs/${id}/take`)).status).toBe(200);
  });
});

describe('queue, take and who may act', () => {
  it('lists the waiting conversation with channel, reason, wait and the task in progress', async () => {
    const id = await userAsksForAgent();
    h.clock.advance(3 * 60_000);
    const client = await signedIn(AGENT);
    const { body } = await client.get<QueueItem[]>('/api/agent/handoffs?status=pending');
    expect(body).toEqual([
      expect.objectContaining({ id, status: 'pending', channel: 'test', reason: 'user_request', assignedTo: null, waitingMinutes: 3, task: 'En el menú principal' }),
    ]);
    expect((await client.get('/api/agent/handoffs?status=nonsense')).status).toBe(400);
  });

  it('shows who the affiliate is, with the document masked, when they were logged in', async () => {
    await h.say('hola');
    const at = h.clock.now().toISOString();
    await h.setSession({ accountId: DEMO_IDS.anaMilenaAccount, affiliateId: DEMO_IDS.anaMilena, startedAt: at, lastActivityAt: at, charterAccepted: true });
    await h.say('asesor');
    const client = await signedIn(AGENT);
    const [item] = (await client.get<QueueItem[]>('/api/agent/handoffs')).body;
    expect(item.affiliate).toEqual({ id: DEMO_IDS.anaMilena, name: 'Ana Milena Rojas Castro', document: 'CC ******8904' });
  });

  it('answers 409 when another agent already holds the conversation', async () => {
    const id = await userAsksForAgent();
    await h.agents.upsert({ email: 'otro@demo.local', name: 'Pedro Ríos', role: 'agent', passwordHash: await argon2idHasher.hash('otro-asesor-2026') }, h.clock.now());
    const first = await signedIn(AGENT);
    const second = await signedIn(['otro@demo.local', 'otro-asesor-2026']);
    expect((await first.post(`/api/agent/handoffs/${id}/take`)).status).toBe(200);
    expect(textsOf(h.drain())).toEqual([texts.agentJoined('Laura', 'asesora')]);
    const conflict = await second.post<ErrorBody>(`/api/agent/handoffs/${id}/take`);
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'handoff_taken']);
    // Nor can the other agent read, answer or close it.
    expect((await second.get(`/api/agent/handoffs/${id}/transcript`)).status).toBe(403);
    expect((await second.post(`/api/agent/handoffs/${id}/messages`, { text: 'hola' })).status).toBe(403);
    expect((await second.post(`/api/agent/handoffs/${id}/resolve`)).status).toBe(403);
    expect(h.drain()).toEqual([]);
  });

  it('lets only a supervisor transfer, and tells the user who attends them now', async () => {
    const id = await userAsksForAgent();
    const agent = await signedIn(AGENT);
    const supervisor = await signedIn(SUPERVISOR);
    await agent.post(`/api/agent/handoffs/${id}/take`);
    h.drain();
    const refused = await agent.post<ErrorBody>(`/api/agent/handoffs/${id}/transfer`, { agentId: supervisor.agentId });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);

    const moved = await supervisor.post<QueueItem>(`/api/agent/handoffs/${id}/transfer`, { agentId: supervisor.agentId });
    expect([moved.status, moved.body.assignedTo]).toEqual([200, supervisor.agentId]);
    expect(textsOf(h.drain())).toEqual([texts.transferred('Sofía', 'asesora')]);
    // The first agent lost it.
    expect((await agent.post(`/api/agent/handoffs/${id}/messages`, { text: 'sigo aquí' })).status).toBe(403);
    const audit = await h.audit.list({ handoffId: id });
    expect(audit.map((a) => a.action)).toContain('transfer');
  });
});

describe('transcript, replies and files', () => {
  it('shows a user message with HTML as plain text and audits the opening', async () => {
    const id = await userAsksForAgent();
    const client = await signedIn(AGENT);
    await client.post(`/api/agent/handoffs/${id}/take`);
    await h.say('<img src=x onerror=alert(1)>');
    const res = await client.get<Transcript>(`/api/agent/handoffs/${id}/transcript`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.entries.map((e) => e.text)).toContain('<img src=x onerror=alert(1)>');
    // Bot turns are there too.
    expect(res.body.entries.some((e) => e.author === 'bot' && e.text === texts.queued(1))).toBe(true);
    const audit = await h.audit.list({ handoffId: id });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['take', 'view_transcript']));
  });

  it('shows the agent only the part that led to the handoff, with document numbers and dates hidden', async () => {
    await h.say('hola');
    await h.say('mi celular es 3001112233');
    h.clock.advance(31 * 60_000);
    await h.say('necesito ayuda, mi cédula es 1.045.678.904 expedida el 09/01/2012');
    await h.say('asesor');
    const [waiting] = await h.service.list(['pending']);
    const client = await signedIn(AGENT);
    await client.post(`/api/agent/handoffs/${waiting.id}/take`);
    const { body } = await client.get<Transcript>(`/api/agent/handoffs/${waiting.id}/transcript`);
    expect(body.entries.filter((e) => e.author === 'user').map((e) => e.text)).toEqual([
      'necesito ayuda, mi cédula es [oculto] expedida el [oculto]',
      'asesor',
    ]);
    const everything = JSON.stringify(body.entries);
    for (const personal of ['3001112233', '1.045.678.904', '09/01/2012']) expect(everything).not.toContain(personal);
  });

  it('sends text and a PDF to the user; refuses files that are not PDFs', async () => {
    const id = await userAsksForAgent();
    const client = await signedIn(AGENT);
    await client.post(`/api/agent/handoffs/${id}/take`);
    h.drain();
    expect((await client.post(`/api/agent/handoffs/${id}/messages`, { text: 'Te envío el formato.' })).status).toBe(200);
    const form = new FormData();
    form.append('text', '');
    form.append('file', new Blob([new Uint8Array(samplePdf())], { type: 'application/pdf' }), 'C:\\Users\\laura\\formato final.pdf');
    expect((await client.post(`/api/agent/handoffs/${id}/messages`, form)).status).toBe(200);
    const [text, file] = h.drain();
    expect(text.text).toBe('Te envío el formato.');
    expect(file.text).toBe(texts.agentFileCaption);
    expect(file.attachments?.[0]).toMatchObject({ contentType: 'application/pdf', name: 'formato final.pdf' });
    expect(String(file.attachments?.[0].contentUrl)).toMatch(/^data:application\/pdf;base64,JVBERi0/);

    const html = new FormData();
    html.append('file', new Blob(['<script>alert(1)</script>'], { type: 'application/pdf' }), 'trampa.pdf');
    const refused = await client.post<ErrorBody>(`/api/agent/handoffs/${id}/messages`, html);
    expect([refused.status, refused.body.error.code]).toEqual([415, 'only_pdf']);
    expect((await client.post(`/api/agent/handoffs/${id}/messages`, { text: '   ' })).status).toBe(400);
  });

  it('inspects an agent\'s PDF like a user\'s: active content and a 1,000,000-key dictionary are refused, nothing is sent', async () => {
    const id = await userAsksForAgent();
    const client = await signedIn(AGENT);
    await client.post(`/api/agent/handoffs/${id}/take`);
    h.drain();
    for (const [bytes, code] of [
      [launchPdf(), 'pdf_refused'],
      [await hugeDictionaryPdf(), 'pdf_refused'],
    ] as const) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'formato.pdf');
      const refused = await client.post<ErrorBody>(`/api/agent/handoffs/${id}/messages`, form);
      expect([refused.status, refused.body.error.code]).toEqual([422, code]);
    }
    expect(h.drain()).toEqual([]);
  });

  it('serves the PDF a user sent as a sandboxed download, audited, and nothing outside the conversation', async () => {
    const id = await userAsksForAgent();
    const staged = await api.stagedFiles.put(samplePdf(), { declaredType: 'application/pdf', declaredName: 'orden médica.pdf' });
    await h.say({ attachments: [{ contentType: 'application/pdf', name: 'orden médica.pdf', contentUrl: StagedFileStore.urlOf(staged.id) }] });
    // A file staged by someone else is not reachable through this conversation.
    const foreign = await api.stagedFiles.put(Buffer.from('<html><script>alert(1)</script>'), {});

    const client = await signedIn(AGENT);
    await client.post(`/api/agent/handoffs/${id}/take`);
    const transcript = await client.get<Transcript>(`/api/agent/handoffs/${id}/transcript`);
    const url = transcript.body.entries.flatMap((e) => e.attachments ?? []).find((a) => a.name === 'orden médica.pdf')?.url;
    expect(url).toBe(`/api/agent/handoffs/${id}/files/${staged.id}`);

    const file = await client.get(url!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="orden medica.pdf"; filename\*=UTF-8''orden%20m%C3%A9dica.pdf$/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect((await h.audit.list({ handoffId: id })).find((a) => a.action === 'open_file')?.detail).toBe(staged.id);

    expect((await client.get(`/api/agent/handoffs/${id}/files/${foreign.id}`)).status).toBe(404);
    expect((await client.get(`/api/agent/handoffs/${id}/files/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('a photo the bot turned into a PDF (staged in its place) is offered to the agent as that PDF', async () => {
    const id = await userAsksForAgent();
    const staged = await api.stagedFiles.put(await phonePhoto(), { declaredType: 'image/jpeg', declaredName: 'foto.jpg' });
    await h.say({ attachments: [{ contentType: 'image/jpeg', name: 'foto.jpg', contentUrl: StagedFileStore.urlOf(staged.id) }] });
    await api.stagedFiles.replace(staged.id, samplePdf(), { declaredType: 'application/pdf', declaredName: 'foto.pdf' });

    const client = await signedIn(AGENT);
    await client.post(`/api/agent/handoffs/${id}/take`);
    const file = await client.get(`/api/agent/handoffs/${id}/files/${staged.id}`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="foto.pdf"/);
  });

  it('a file sent long before the handoff is not reachable through it', async () => {
    const staged = await api.stagedFiles.put(samplePdf(), { declaredType: 'application/pdf', declaredName: 'historia clínica.pdf' });
    await h.say({ attachments: [{ contentType: 'application/pdf', name: 'historia clínica.pdf', contentUrl: StagedFileStore.urlOf(staged.id) }] });
    h.clock.advance(31 * 60_000);
    const id = await userAsksForAgent();
    const client = await signedIn(AGENT);
    await client.post(`/api/agent/handoffs/${id}/take`);
    const transcript = await client.get<Transcript>(`/api/agent/handoffs/${id}/transcript`);
    expect(transcript.body.entries.flatMap((e) => e.attachments ?? [])).toEqual([]);
    expect((await client.get(`/api/agent/handoffs/${id}/files/${staged.id}`)).status).toBe(404);
  });

  it('answers 503 when the user\'s channel is not running, and the conversation stays with the agent', async () => {
    const { handoff } = await h.service.request({
      conversationKey: 'whatsapp-cloud:573001112236',
      channel: 'whatsapp-cloud',
      reference: { channelId: 'whatsapp-cloud', conversation: { id: '573001112236' } },
      reason: 'user_request',
    });
    const client = await signedIn(AGENT);
    expect((await client.post(`/api/agent/handoffs/${handoff.id}/take`)).status).toBe(200);
    const down = await client.post<ErrorBody>(`/api/agent/handoffs/${handoff.id}/messages`, { text: 'Hola' });
    expect([down.status, down.body.error.code]).toEqual([503, 'channel_unavailable']);
    expect((await h.service.get(handoff.id)).status).toBe('assigned');
    expect(api.logger.lines.join('\n')).not.toContain('Hola');

    // Once running, a closed 24-hour WhatsApp window is explained to the agent instead of a bare 500.
    const closedWindow = { continueConversation: () => Promise.reject(new WhatsAppWindowClosedError()) };
    h.registry.register('whatsapp-cloud', closedWindow as unknown as BotAdapter);
    const closed = await client.post<ErrorBody>(`/api/agent/handoffs/${handoff.id}/messages`, { text: 'Hola' });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'whatsapp_window_closed']);
    expect(closed.body.error.message).toMatch(/24 horas/);
  });

  it('resolving hands the conversation back: the user is told and the bot answers again', async () => {
    const id = await userAsksForAgent();
    const client = await signedIn(AGENT);
    await client.post(`/api/agent/handoffs/${id}/take`);
    h.drain();
    const resolved = await client.post<QueueItem>(`/api/agent/handoffs/${id}/resolve`);
    expect(resolved.body.status).toBe('resolved');
    const back = h.drain();
    expect(back[0].text).toBe(texts.resolved);
    expect(back[1].suggestedActions?.actions.length).toBeGreaterThan(3);
    expect((await client.post<ErrorBody>(`/api/agent/handoffs/${id}/resolve`)).status).toBe(409);
  });
});

describe('live updates', () => {
  it('streams new handoffs and user messages as server-sent events, and ends with the session', async () => {
    const client = await signedIn(AGENT);
    const controller = new AbortController();
    const res = await fetch(`${api.url}/api/agent/events`, { headers: { cookie: client.cookie! }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(seen)) {
        const { value, done } = await withTimeout(reader.read(), () => `${pattern} on the event stream (saw: ${seen})`);
        if (done) break;
        seen += decoder.decode(value);
      }
      return pattern.test(seen);
    };
    expect(await until(/event: ready/)).toBe(true);
    await userAsksForAgent();
    expect(await until(/event: handoff\ndata: \{[^\n]*"status":"pending"/)).toBe(true);
    await h.say('¿alguien me lee?');
    expect(await until(/event: message\ndata: [^\n]*¿alguien me lee\?/)).toBe(true);

    // The stream does not keep the session alive: after 15 idle minutes it says so and closes.
    h.clock.advance(15 * 60_000 + 1);
    expect(await until(/event: session_expired/)).toBe(true);
    controller.abort();
  });
});

function textsOf(activities: Partial<Activity>[]): Array<string | undefined> {
  return activities.map((a) => a.text);
}
