// Ley 1581 (purpose and minimisation): transcript lines are kept only around a handoff, nothing past
// RETENTION_DAYS, and finished outbox messages, idle web chat logs and the ways to reach conversations
// nobody used go too. On both engines (the window arithmetic is dialect SQL).
import { beforeEach, expect, it } from 'vitest';
import { RetentionPurge } from '../../src/services/retentionPurge';
import { toInstant, toJson } from '../../src/storage/dialect';
import { KnexDirectLineStore } from '../../src/storage/repositories/knexDirectLineStore';
import { KnexRetentionRepository } from '../../src/storage/repositories/knexRetentionRepository';
import { describeDatabases } from '../helpers/testDb';

const NOW = new Date('2026-11-27T15:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const DAY = 24 * 60;

describeDatabases('retention purge', ({ db }) => {
  let purge: (at: Date, retentionDays?: number) => ReturnType<RetentionPurge['purgeOnce']>;

  beforeEach(async () => {
    const knex = db().knex;
    await knex('transcript_entries').delete();
    await knex('handoffs').delete();
    await knex('outbox_messages').delete();
    await knex('directline_activities').delete();
    await knex('directline_conversations').delete();
    await knex('conversation_references').delete();
    purge = (at, retentionDays = 90) => new RetentionPurge({ store: new KnexRetentionRepository(knex), clock: { now: () => at }, retentionDays }).purgeOnce();
  });

  async function line(conversationKey: string, text: string, at: Date): Promise<void> {
    await db().knex('transcript_entries').insert({ conversation_key: conversationKey, author: 'user', text, at: toInstant(at) });
  }

  async function handoff(id: string, conversationKey: string, requestedAt: Date, closedAt?: Date): Promise<void> {
    await db()
      .knex('handoffs')
      .insert({
        id,
        conversation_key: conversationKey,
        channel: 'webchat',
        reference: toJson({ conversation: { id: conversationKey } }),
        reason: 'user_request',
        mode: 'live',
        status: closedAt ? 'resolved' : 'pending',
        requested_at: toInstant(requestedAt),
        closed_at: closedAt ? toInstant(closedAt) : null,
        created_at: toInstant(requestedAt),
        updated_at: toInstant(closedAt ?? requestedAt),
      });
  }

  const remaining = async () =>
    ((await db().knex('transcript_entries').orderBy('id')) as Array<{ conversation_key: string; text: string }>).map((r) => `${r.conversation_key}: ${r.text}`);

  it('keeps a handoff window (30 min before the request until it closed) and the last 30 minutes; deletes the rest', async () => {
    await line('webchat:a', 'a: old chat, no handoff', minutesAgo(120));
    await line('webchat:a', 'a: recent chat', minutesAgo(10));
    await handoff('h-b', 'webchat:b', minutesAgo(60), minutesAgo(50));
    await line('webchat:b', 'b: long before the request', minutesAgo(120));
    await line('webchat:b', 'b: what led to the request', minutesAgo(75));
    await line('webchat:b', 'b: talking to the agent', minutesAgo(55));
    await line('webchat:b', 'b: after the agent left, a while ago', minutesAgo(40));
    await handoff('h-c', 'whatsapp:c', minutesAgo(180));
    await line('whatsapp:c', 'c: before an open handoff', minutesAgo(200));
    await line('whatsapp:c', 'c: during an open handoff', minutesAgo(60));

    const result = await purge(NOW);
    expect(await remaining()).toEqual([
      'webchat:a: a: recent chat',
      'webchat:b: b: what led to the request',
      'webchat:b: b: talking to the agent',
      'whatsapp:c: c: before an open handoff',
      'whatsapp:c: c: during an open handoff',
    ]);
    expect(result.transcriptOutsideHandoffs).toBe(3);
  });

  it('after RETENTION_DAYS nothing is kept, handoff or not; pending outbox messages stay', async () => {
    await handoff('h-d', 'webchat:d', minutesAgo(91 * DAY), minutesAgo(91 * DAY - 10));
    await line('webchat:d', 'd: old handoff', minutesAgo(91 * DAY + 5));
    await handoff('h-e', 'webchat:e', minutesAgo(89 * DAY));
    await line('webchat:e', 'e: within retention', minutesAgo(89 * DAY));
    const outbox = (id: string, status: string, createdAt: Date) => ({
      id,
      kind: 'sms',
      recipient: '3001112233',
      body: 'x',
      status,
      attempts: 0,
      next_attempt_at: toInstant(createdAt),
      created_at: toInstant(createdAt),
      updated_at: toInstant(createdAt),
    });
    await db()
      .knex('outbox_messages')
      .insert([outbox('o-old-sent', 'sent', minutesAgo(91 * DAY)), outbox('o-old-pending', 'pending', minutesAgo(91 * DAY)), outbox('o-new', 'sent', minutesAgo(10))]);

    const result = await purge(NOW, 90);
    expect(await remaining()).toEqual(['webchat:e: e: within retention']);
    expect(result).toMatchObject({ transcriptExpired: 1, outboxExpired: 1 });
    expect(((await db().knex('outbox_messages').orderBy('id')) as Array<{ id: string }>).map((r) => r.id)).toEqual(['o-new', 'o-old-pending']);
    // A shorter RETENTION_DAYS takes the rest.
    await purge(NOW, 30);
    expect(await remaining()).toEqual([]);
  });

  it('deletes web chat logs nobody used in RETENTION_DAYS, and older lines of the chats still in use', async () => {
    const at = (m: number) => ({ now: () => minutesAgo(m) });
    const store = (m: number) => new KnexDirectLineStore(db().knex, at(m));
    await store(91 * DAY).createConversation({ id: 'olvidada', userId: 'dl_1', createdAt: minutesAgo(91 * DAY) });
    await store(91 * DAY).append('olvidada', { type: 'message', text: 'mi cédula es 1045678901' });
    await store(92 * DAY).createConversation({ id: 'viva', userId: 'dl_2', createdAt: minutesAgo(92 * DAY) });
    await store(92 * DAY).append('viva', { type: 'message', text: 'hace mucho' });
    await store(5).append('viva', { type: 'message', text: 'hoy' });

    const result = await purge(NOW, 90);
    expect(result).toMatchObject({ webChatConversationsExpired: 1, webChatActivitiesExpired: 2 });
    const live = store(0);
    expect(await live.getConversation('olvidada')).toBeUndefined();
    expect(await live.reattach('olvidada')).toBe(false);
    const page = await live.activitiesAfter('viva', 0);
    expect(page.entries.map((e) => e.activity.text)).toEqual(['hoy']);
    expect(page.watermark).toBe(2);
    // What is left is what the budget counts.
    expect(await live.usage()).toMatchObject({ conversations: 1 });
    const [row] = (await db().knex('directline_conversations').select('activity_count', 'bytes').where({ id: 'viva' })) as Array<{ activity_count: number; bytes: number }>;
    expect(Number(row!.activity_count)).toBe(1);
    expect(Number(row!.bytes)).toBeLessThan(1024);
  });

  it('deletes the ways to reach conversations not refreshed in RETENTION_DAYS', async () => {
    const reference = (key: string, updatedAt: Date) => ({
      conversation_key: key,
      channel: 'whatsapp',
      reference: toJson({ conversation: { id: key } }),
      created_at: toInstant(updatedAt),
      updated_at: toInstant(updatedAt),
    });
    await db()
      .knex('conversation_references')
      .insert([reference('whatsapp:573001112233', minutesAgo(91 * DAY)), reference('webchat:reciente', minutesAgo(2 * DAY))]);
    expect(await purge(NOW, 90)).toMatchObject({ referencesExpired: 1 });
    expect(((await db().knex('conversation_references').select('conversation_key')) as Array<{ conversation_key: string }>).map((r) => r.conversation_key)).toEqual([
      'webchat:reciente',
    ]);
  });
});
