// Over the real web chat: a client that opens a new conversation for every guess (tokens are free) is still
// one client. Its address, taken from the HTTP request, reaches the login limits.
import { afterEach, describe, expect, it } from 'vitest';
import { identity } from '../../../dialogs/messages/identity';
import { LOGIN_ADDRESS_THROTTLE } from '../../../src/services/identity/clientLoginLimits';
import { startTestApp, TestApp, WebChatUser } from '../../helpers/testApp';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Web Chat shows WhatsApp's *bold* marks as plain text. */
const plain = (text: string) => text.replace(/\*/g, '');

describe('password spraying over web chat', () => {
  it('fresh conversations from one address share its limit: after 10 failures the next login waits', async () => {
    t = await startTestApp();
    for (let i = 0; i < LOGIN_ADDRESS_THROTTLE.freeFailures; i++) {
      const { user } = await WebChatUser.open(t.baseUrl);
      await user.say('2');
      await user.say(`CC 10999990${String(i).padStart(2, '0')}`);
      const replies = await user.say('Verano2026!');
      expect(replies[0], `attempt ${i}`).toBe(plain(identity.loginInvalid));
    }
    const { user } = await WebChatUser.open(t.baseUrl);
    await user.say('2');
    await user.say('CC 1045678904');
    const replies = await user.say('Cajacopi#2026');
    expect(replies[0]).toBe(plain(identity.slowedDown(LOGIN_ADDRESS_THROTTLE.baseDelayMs)));
  });
});
