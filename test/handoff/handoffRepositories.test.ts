// The handoff tables on SQLite and (when TEST_DATABASE_URL is set) PostgreSQL: one open handoff per
// conversation even when two requests race, compare-and-set so two agents cannot both take one, the
// queue order, the expiry query, transcripts in turn order, and sessions that expire.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { ConflictError } from '../../src/domain/errors';
import { Handoff, transition } from '../../src/domain/handoff';
import { NewHandoff } from '../../src/services/ports/handoff';
import { KnexAgentAuditRepository } from '../../src/storage/repositories/knexAgentAuditRepository';
import { KnexAgentRepository } from '../../src/storage/repositories/knexAgentRepository';
import { KnexAgentSessionRepository } from '../../src/storage/repositories/knexAgentSessionRepository';
import { KnexHandoffRepository } from '../../src/storage/repositories/knexHandoffRepository';
import { KnexHandoffTranscriptRepository } from '../../src/storage/repositories/knexHandoffTranscriptRepository';
import { DEMO_IDS } from '../../src/storage/seeds';
import { describeDatabases } from '../helpers/testDb';

const T0 = new Date('2026-11-27T15:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function newHandoff(conversationKey: string, minutes = 0, extra: Partial<NewHandoff> = {}): NewHandoff {
  return {
    id: randomUUID(),
    conversationKey,
    channel: 'webchat',
    reference: { channelId: 'webchat', conversation: { id: conversationKey }, serviceUrl: 'urn:x' },
    reason: 'user_request',
    mode: 'live',
    status: 'pending',
    requestedAt: at(minutes),
    expiresAt: at(minutes + 10),
    awaitingChoice: false,
    ...extra,
  };
}

describeDatabases('handoff storage', ({ db }) => {
  it('keeps one open handoff per conversation, also when two requests race', async () => {
    const repo = new KnexHandoffRepository(db().knex);
    const results = await Promise.allSettled([repo.create(newHandoff('webchat:race'), T0), repo.create(newHandoff('webchat:race'), T0)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(ConflictError);
    // Once closed, the conversation may ask again.
    const open = (await repo.findOpen('webchat:race'))!;
    expect(await repo.replaceIf(transition(open, { type: 'user_cancel' }, at(1)), { status: 'pending', agentId: null })).toBe(true);
    await expect(repo.create(newHandoff('webchat:race', 2), at(2))).resolves.toMatchObject({ status: 'pending' });
  });

  it('round-trips every field, and lets exactly one of two agents take a handoff', async () => {
    const knex = db().knex;
    const repo = new KnexHandoffRepository(knex);
    const agents = new KnexAgentRepository(knex);
    const a = await agents.upsert({ email: 'A@x.co', name: 'A', role: 'agent', passwordHash: 'h' }, T0);
    const b = await agents.upsert({ email: 'b@x.co', name: 'B', role: 'agent', passwordHash: 'h' }, T0);
    const created = await repo.create(newHandoff('whatsapp:cas', 0, { affiliateId: DEMO_IDS.anaMilena, activeTask: 'pqrdsDialog' }), T0);
    expect(await repo.findById(created.id)).toEqual(created);
    const [byA, byB] = await Promise.all([
      repo.replaceIf(transition(created, { type: 'take', agentId: a.id }, at(1)), { status: 'pending', agentId: null }),
      repo.replaceIf(transition(created, { type: 'take', agentId: b.id }, at(1)), { status: 'pending', agentId: null }),
    ]);
    expect([byA, byB].filter(Boolean)).toHaveLength(1);
    const stored = (await repo.findById(created.id)) as Handoff;
    expect(stored.agentId).toBe(byA ? a.id : b.id);
    expect(await agents.findByEmail('a@X.co')).toMatchObject({ id: a.id, passwordHash: 'h' });
  });

  it('gives queue positions in request order and finds the expired ones', async () => {
    const repo = new KnexHandoffRepository(db().knex);
    const first = await repo.create(newHandoff('webchat:q1', 100), at(100));
    const second = await repo.create(newHandoff('webchat:q2', 101), at(101));
    const callback = await repo.create(newHandoff('webchat:q3', 102, { mode: 'callback', expiresAt: undefined }), at(102));
    expect(await repo.countPendingBefore(first.requestedAt, first.id)).toBeLessThan(await repo.countPendingBefore(second.requestedAt, second.id));
    const expired = (await repo.listExpired(at(111))).map((h) => h.id);
    expect(expired).toContain(first.id);
    expect(expired).toContain(second.id);
    expect(expired).not.toContain(callback.id);
    expect((await repo.listExpired(at(110.5))).map((h) => h.id)).not.toContain(second.id);
  });

  it('puts urgent handoffs first: in the list, and in every waiting person\'s position', async () => {
    const repo = new KnexHandoffRepository(db().knex);
    const early = await repo.create(newHandoff('webchat:u1', 200), at(200));
    const urgentA = await repo.create(newHandoff('webchat:u2', 201, { reason: 'vital_risk', urgent: true }), at(201));
    const urgentB = await repo.create(newHandoff('webchat:u3', 202, { reason: 'vital_risk', urgent: true }), at(202));
    const ahead = async (h: Handoff) => repo.countPendingBefore(h.requestedAt, h.id, h.urgent);
    const pendingUrgent = (await repo.list(['pending'])).filter((h) => h.urgent).length;
    // An urgent one waits only behind earlier urgent ones; everyone else waits behind every urgent one.
    expect(await ahead(urgentB)).toBe((await ahead(urgentA)) + 1);
    expect(await ahead(urgentA)).toBeLessThan(pendingUrgent);
    expect(await ahead(early)).toBeGreaterThanOrEqual(pendingUrgent);
    const order = (await repo.list(['pending'])).map((h) => h.id);
    expect(order.indexOf(urgentA.id)).toBeLessThan(order.indexOf(urgentB.id));
    expect(order.indexOf(urgentB.id)).toBeLessThan(order.indexOf(early.id));
    expect(await repo.findById(urgentA.id)).toMatchObject({ urgent: true, reason: 'vital_risk' });
  });

  it('returns transcripts in turn order and finds a file only in its own conversation', async () => {
    const transcripts = new KnexHandoffTranscriptRepository(db().knex);
    const stagedId = randomUUID();
    await transcripts.append([
      { conversationKey: 'webchat:t', author: 'user', text: 'hola', at: T0 },
      { conversationKey: 'webchat:t', author: 'bot', text: '¿Qué quieres hacer?', options: ['Registrarme', 'PQRDS'], at: T0 },
      { conversationKey: 'webchat:t', author: 'user', attachments: [{ name: 'orden.pdf', contentType: 'application/pdf', stagedId }], at: T0 },
    ]);
    const entries = await transcripts.list('webchat:t');
    expect(entries.map((e) => e.text ?? e.attachments?.[0].name)).toEqual(['hola', '¿Qué quieres hacer?', 'orden.pdf']);
    expect(entries[1].options).toEqual(['Registrarme', 'PQRDS']);
    expect(await transcripts.findAttachment('webchat:t', stagedId)).toBeDefined();
    expect(await transcripts.findAttachment('webchat:other', stagedId)).toBeUndefined();
  });

  it('scopes a transcript to the session current at an instant (people sharing one conversation)', async () => {
    const repo = new KnexHandoffTranscriptRepository(db().knex);
    const key = 'webchat:shared-computer';
    const entry = (text: string, minutes: number, startsSession = false) => ({ conversationKey: key, author: 'user' as const, text, at: at(minutes), startsSession });
    await repo.append([entry('first person', 0), entry('second logs in', 5, true), entry('second asks', 6), entry('third logs in', 9, true), entry('third', 10)]);
    const texts = async (minutes: number) => (await repo.list(key, { sessionAt: at(minutes) })).map((e) => e.text);
    expect(await texts(1)).toEqual(['first person']);
    expect(await texts(6)).toEqual(['second logs in', 'second asks']);
    expect(await texts(11)).toEqual(['third logs in', 'third']);
    expect((await repo.list(key)).map((e) => e.text)).toHaveLength(5);
    // The newest `limit` entries of the session, oldest first.
    expect((await repo.list(key, { limit: 1, sessionAt: at(6) })).map((e) => e.text)).toEqual(['second asks']);
  });

  it('deletes sessions idle or too old, and keeps the audit newest first', async () => {
    const knex = db().knex;
    const agent = await new KnexAgentRepository(knex).upsert({ email: 's@x.co', name: 'S', role: 'supervisor', passwordHash: 'h' }, T0);
    const sessions = new KnexAgentSessionRepository(knex);
    await sessions.create({ id: 'fresh', agentId: agent.id, csrfToken: 'c1', createdAt: at(0), lastSeenAt: at(20) });
    await sessions.create({ id: 'idle', agentId: agent.id, csrfToken: 'c2', createdAt: at(0), lastSeenAt: at(1) });
    expect(await sessions.deleteStale(at(10), at(-60))).toBe(1);
    expect(await sessions.find('idle')).toBeUndefined();
    expect(await sessions.find('fresh')).toMatchObject({ csrfToken: 'c1', lastSeenAt: at(20) });

    const audit = new KnexAgentAuditRepository(knex);
    await audit.record({ agentId: agent.id, action: 'login', at: at(0) });
    await audit.record({ agentId: agent.id, action: 'logout', at: at(5) });
    expect((await audit.list({ agentId: agent.id })).map((e) => e.action)).toEqual(['logout', 'login']);
  });
});
