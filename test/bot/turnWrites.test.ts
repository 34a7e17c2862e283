// In the real app, a turn writes in one transaction at its end, and only what changed: a second 'ayuda'
// changes no dialog state and reaches the conversation the same way, so it writes its transcript lines
// and nothing else; the lines still reach the agent's transcript.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, TestApp, WebChatUser } from '../helpers/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('a repeated turn writes only its transcript lines', async () => {
  const { user } = await WebChatUser.open(t.baseUrl);
  await user.say('ayuda');
  const statements: string[] = [];
  const record = (query: { sql: string }) => statements.push(query.sql.toLowerCase());
  t.app.knex.on('query', record);
  try {
    expect((await user.say('ayuda')).length).toBeGreaterThan(0);
  } finally {
    t.app.knex.off('query', record);
  }
  // (Background tasks may run statements of their own meanwhile: only the turn's tables are looked at.)
  const turnWrites = statements.filter((sql) => /^(insert|update|delete)/.test(sql.trim()) && /bot_state|transcript_entries|conversation_references|handoffs/.test(sql));
  expect(turnWrites.map((sql) => sql.trim().split(/\s+/).slice(0, 3).join(' ').replace(/[`"]/g, ''))).toEqual(['insert into transcript_entries']);
  const lines = await t.app.repositories.handoffTranscripts.list(`webchat:${user.conversationId}`);
  expect(lines.filter((l) => l.author === 'user').map((l) => l.text)).toEqual(['ayuda', 'ayuda']);
});

it('a conversation still in use refreshes its reference once a day, so the retention purge never takes it', async () => {
  // 23:45 UTC: two turns minutes apart write the reference once; the first turn after midnight again.
  t.clock.advance(Date.parse('2026-11-27T23:45:00.000Z') - t.clock.now().getTime());
  const { user } = await WebChatUser.open(t.baseUrl);
  await user.say('ayuda');
  const key = `webchat:${user.conversationId}`;
  const updatedAt = async () => (await t.app.repositories.conversationReferences.find(key))?.updatedAt.toISOString();
  const first = await updatedAt();
  t.clock.advance(5 * 60_000);
  await user.say('ayuda');
  expect(await updatedAt()).toBe(first);
  t.clock.advance(15 * 60_000);
  await user.say('ayuda');
  expect(await updatedAt()).toBe('2026-11-28T00:05:00.000Z');
});

it('a turn reads its bot state and its handoff once each, though both are started at its beginning', async () => {
  const { user } = await WebChatUser.open(t.baseUrl);
  await user.say('ayuda');
  const reads: string[] = [];
  const record = (query: { sql: string }) => {
    const sql = query.sql.toLowerCase().trim();
    if (sql.startsWith('select') && /bot_state|handoffs/.test(sql)) reads.push(/bot_state/.test(sql) ? 'state' : 'handoff');
  };
  t.app.knex.on('query', record);
  try {
    expect((await user.say('ayuda')).length).toBeGreaterThan(0);
  } finally {
    t.app.knex.off('query', record);
  }
  // (Background tasks do not read these tables.) The preload and the dialogs share one read of each.
  expect(reads.sort()).toEqual(['handoff', 'state']);
});
