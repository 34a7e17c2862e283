// A secret typed in the web chat (a password) is kept by the bot but never shown back: the echo that
// replaces the user's bubble, the polling answer and the history replayed on reload all say "[oculto]".
import { Activity } from 'botbuilder';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { REDACTED_TEXT } from '../../../src/bot/sensitiveInput';
import { collect, connect, post } from './nodeDirectLine';
import { PasswordDialog } from './passwordDialog';
import { TestServer, startTestServer } from './testServer';

let t: TestServer;
const clients: { end(): void }[] = [];

beforeAll(async () => {
  t = await startTestServer({ features: [new PasswordDialog()] });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.end();
});
afterAll(async () => {
  await t.close();
});

it('the password reaches the bot but every copy sent back to clients says [oculto]', async () => {
  const ticket = (await (await fetch(`${t.url}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
  const client = connect(t.url, { token: ticket.token, webSocket: true });
  clients.push(client);
  const seen = collect(client);
  await seen.until((all) => all.some((a) => /Qué quieres hacer/.test(a.text ?? '')));
  await post(client, { type: 'message', text: '2', from: { id: 'u' } });
  await seen.until((all) => all.some((a) => a.text === 'Escribe tu contraseña.'));

  const id = await post(client, { type: 'message', text: 'Cajacopi#2026', from: { id: 'u' }, channelData: { clientActivityID: 'pw-1' } });
  const all = await seen.until((list) => list.some((a) => a.text === 'Recibí una contraseña de 13 caracteres.'));
  const echo = all.find((a: Activity) => a.id === id)!;
  expect(echo.text).toBe(REDACTED_TEXT);
  expect(echo.channelData).toMatchObject({ clientActivityID: 'pw-1' });
  // The echo still comes before the bot's answer to it.
  expect(all.indexOf(echo)).toBeLessThan(all.findIndex((a) => a.text === 'Recibí una contraseña de 13 caracteres.'));
  expect(all.some((a) => a.text?.includes('Cajacopi'))).toBe(false);
  expect(t.received.some((a) => a.text === 'Cajacopi#2026')).toBe(true);

  // What a polling client or a reloaded page gets from the log.
  const page = (await (
    await fetch(`${t.url}/v3/directline/conversations/${ticket.conversationId}/activities?watermark=0`, {
      headers: { Authorization: `Bearer ${ticket.token}` },
    })
  ).json()) as { activities: Activity[] };
  expect(JSON.stringify(page.activities)).not.toContain('Cajacopi');
  expect(page.activities.filter((a) => a.text === REDACTED_TEXT)).toHaveLength(1);
});
