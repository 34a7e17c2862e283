// Hostile client: thousands of web chat conversations from one address to push a live one out. Tokens
// and conversation starts are limited per client address (429), and a conversation the store had to drop
// is re-attached from its valid token: its user goes on chatting instead of getting 404.
import { afterEach, describe, expect, it } from 'vitest';
import { common } from '../../dialogs/messages/common';
import { DEFAULT_STORE_BUDGET } from '../../src/channels/directline/directLineStore';
import { TestServer, startTestServer } from '../channels/directline/testServer';
import { Answer, botSaysEventually, mintedTicket, postActivity, requestToken, startConversation } from './hostileClient';

let t: TestServer;

afterEach(async () => {
  await t.close();
});

async function liveChat(): Promise<{ token: string; conversationId: string }> {
  const ticket = await requestToken(t.url);
  expect((await startConversation(t.url, ticket.token!)).status).toBe(201);
  return { token: ticket.token!, conversationId: ticket.conversationId! };
}

async function stillChats(chat: { token: string; conversationId: string }): Promise<void> {
  expect((await postActivity(t.url, chat.conversationId, chat.token, { type: 'message', text: 'ayuda' })).status).toBe(200);
  await botSaysEventually(t.url, chat.conversationId, chat.token, (text) => text.startsWith(common.helpGeneral.slice(0, 30)));
}

describe('a flood of web chat conversations from one address', () => {
  it('gets 429 for tokens past its share, while a live conversation keeps working', async () => {
    t = await startTestServer();
    const live = await liveChat();
    const answers: Answer[] = [];
    for (let i = 0; i < 60; i++) answers.push(await requestToken(t.url));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(t.channel.limits.tokensPerAddress.burst);
    expect(refused.length).toBeGreaterThanOrEqual(30);
    expect(refused[0]).toMatchObject({ code: 'too_many_tokens' });
    expect(refused[0]!.message).toMatch(/recarga la página/);
    await stillChats(live);
  });

  it('gets 429 for conversation starts past its share, even with tokens in hand', async () => {
    t = await startTestServer();
    const live = await liveChat();
    const answers: Answer[] = [];
    for (let i = 0; i < 40; i++) answers.push(await startConversation(t.url, mintedTicket(t.channel).token));
    expect(answers.filter((a) => a.status === 201).length).toBeLessThanOrEqual(t.channel.limits.startsPerAddress.burst);
    expect(answers.filter((a) => a.status === 429)[0]).toMatchObject({ code: 'too_many_conversations' });
    // Resuming one's own conversation is never limited.
    expect((await startConversation(t.url, live.token)).status).toBe(200);
    await stillChats(live);
  });

  it('cannot end a live conversation: pushed out of a full store, it is re-attached from its token', async () => {
    t = await startTestServer({ budget: { ...DEFAULT_STORE_BUDGET, maxConversations: 3 } });
    const live = await liveChat();
    for (let i = 0; i < 5; i++) expect((await startConversation(t.url, mintedTicket(t.channel).token)).status).toBe(201);
    expect(await t.channel.store.getConversation(live.conversationId)).toBeUndefined();
    await stillChats(live);
  });

  it('still answers 404 for a conversation nobody started', async () => {
    t = await startTestServer();
    const never = mintedTicket(t.channel);
    expect(await postActivity(t.url, never.conversationId, never.token, { type: 'message', text: 'hola' })).toMatchObject({ status: 404, code: 'conversation_not_found' });
  });
});
