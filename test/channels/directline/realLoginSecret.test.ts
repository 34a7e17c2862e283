// A real login on the assembled app, over the web chat's own endpoints: the password Ana Milena types
// opens her session, and yet no copy of it comes back to any client — the history that a reload or a
// polling client reads shows "[oculto]" where she typed it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDACTED_TEXT } from '../../../src/bot/sensitiveInput';
import { DEMO_PASSWORD } from '../../../src/storage/seeds';
import { startTestApp, TestApp, WebChatUser } from '../../helpers/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

it('after a real login, GET /activities shows [oculto] where the password was, and the session is open', async () => {
  const { user } = await WebChatUser.open(t.baseUrl);
  await user.say('Iniciar sesión');
  await user.say('CC 1045678904');
  const afterPassword = (await user.say(DEMO_PASSWORD)).join('\n');
  // The password worked: the logged-in menu offers "Cerrar sesión".
  expect(afterPassword).toMatch(/Cerrar sesión/);

  const history = await user.history();
  expect(JSON.stringify(history)).not.toContain(DEMO_PASSWORD);
  const fromUser = history.filter((a) => a.type === 'message' && a.from.id !== 'oficina-virtual').map((a) => a.text);
  expect(fromUser).toEqual(['Iniciar sesión', 'CC 1045678904', REDACTED_TEXT]);
});
