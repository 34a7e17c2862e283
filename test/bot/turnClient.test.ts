// Which client a turn's guessing limits count against: the HTTP client's address when the channel knows it,
// otherwise the sender (on WhatsApp, the phone number a stranger cannot change at will).
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { setTurnClientAddress, turnClient } from '../../src/bot/turnClient';

function context(channelId: string, conversationId: string, fromId: string): TurnContext {
  const activity = { type: 'message', channelId, conversation: { id: conversationId }, from: { id: fromId }, recipient: { id: 'bot' } } as Activity;
  return new TurnContext(new TestAdapter(), activity);
}

describe('turnClient', () => {
  it('web chat: the address the route put in the turn, shared by every conversation from it', () => {
    const first = context('webchat', 'conv-1', 'user-1');
    const second = context('webchat', 'conv-2', 'user-2');
    setTurnClientAddress(first, '203.0.113.9');
    setTurnClientAddress(second, '203.0.113.9');
    expect(turnClient(first)).toEqual({ conversation: 'webchat:conv-1', address: 'ip:203.0.113.9' });
    expect(turnClient(second).address).toBe(turnClient(first).address);
  });

  it('WhatsApp: the sender is the address', () => {
    expect(turnClient(context('whatsapp', '573001112233@c.us', '573001112233@c.us'))).toEqual({
      conversation: 'whatsapp:573001112233@c.us',
      address: 'whatsapp:573001112233@c.us',
    });
  });

  it('a client address cannot come from the activity itself', () => {
    const forged = context('webchat', 'conv-3', 'user-3');
    (forged.activity as Activity & { channelData: unknown }).channelData = { clientAddress: '198.51.100.7' };
    expect(turnClient(forged).address).toBe('webchat:user-3');
  });
});
