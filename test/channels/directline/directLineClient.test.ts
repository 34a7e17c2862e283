// Our Direct Line subset driven by the official botframework-directlinejs client (what Web Chat uses),
// against the real server on an ephemeral port and the real bot core (welcome, menu, interruptions).
import { Activity } from 'botbuilder';
import { ConnectionStatus } from 'botframework-directlinejs';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MENU, visibleMenu } from '../../../dialogs/menu';
import { common } from '../../../dialogs/messages/common';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { collect, connect, post, waitForStatus } from './nodeDirectLine';
import { samplePdf } from '../../helpers/pdfCorpus';
import { TestServer, startTestServer } from './testServer';

interface Ticket {
  token: string;
  conversationId: string;
  expires_in: number;
}

const isMenu = (a: Activity) => a.from.role === 'bot' && /Qué quieres hacer/.test(a.text ?? '');
const isWelcome = (a: Activity) => a.from.role === 'bot' && a.text === common.welcome;

let t: TestServer;
let fileServer: http.Server;
let fileUrl = '';
const pdf = samplePdf();
const clients: { end(): void }[] = [];

async function ticket(previous?: string, server: TestServer = t): Promise<Ticket> {
  const response = await fetch(`${server.url}/api/webchat/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(previous ? { token: previous } : {}),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Ticket;
}

function open(options: Parameters<typeof connect>[1]) {
  const client = connect(t.url, options);
  clients.push(client);
  return { client, seen: collect(client) };
}

beforeAll(async () => {
  t = await startTestServer();
  // Web Chat uploads by reading the file from a URL (a blob: URL in browsers); here, a local server.
  fileServer = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/pdf' });
    res.end(pdf);
  });
  await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
  fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}/orden.pdf`;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.end();
});

afterAll(async () => {
  await new Promise<void>((resolve) => fileServer.close(() => resolve()));
  await t.close();
});

/** A server of the test's own, for tests that move the clock: the shared server's tokens are left alone. */
async function withOwnServer(test: (own: TestServer) => Promise<void>): Promise<void> {
  const own = await startTestServer();
  try {
    await test(own);
  } finally {
    await own.close();
  }
}

describe.each([
  ['WebSocket stream', true],
  ['polling', false],
])('Direct Line with the official client (%s)', (_mode, webSocket) => {
  it('greets with the welcome and the numbered menu before the user writes anything', async () => {
    const { token } = await ticket();
    const { seen } = open({ token, webSocket });
    const activities = await seen.until((all) => all.some(isMenu));
    expect(activities.map((a) => a.text?.split('\n')[0])).toEqual([common.welcome, common.menuPrompt]);
    const menu = activities.find(isMenu)!;
    // Numbers are visible on the buttons, the value sent on click is the plain title.
    expect(menu.suggestedActions?.actions.map((a) => a.title)).toEqual(visibleMenu(false).map((e, i) => `${i + 1}. ${e.title}`));
    expect(menu.suggestedActions?.actions[0]).toMatchObject({ type: 'imBack', value: 'Registrarme' });
  });

  it('echoes the user message with its clientActivityID, then shows the bot reply', async () => {
    const { token, conversationId } = await ticket();
    const { client, seen } = open({ token, webSocket });
    await seen.until((all) => all.some(isMenu));
    const id = await post(client, {
      type: 'message',
      text: 'hola',
      from: { id: 'someone-else', name: 'Ana' },
      channelData: { clientActivityID: 'client-1' },
    });
    const activities = await seen.until((all) => all.filter(isMenu).length >= 2);
    const echo = activities.find((a) => a.id === id)!;
    expect(echo).toMatchObject({ text: 'hola', channelData: { clientActivityID: 'client-1' } });
    // The server decides who spoke: the user id from the token, never the one the client claims.
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { user: string };
    expect(echo.from).toMatchObject({ id: claims.user, role: 'user' });
    // A greeting at the menu shows the menu again, after the echo.
    expect(activities.indexOf(echo)).toBeLessThan(activities.findLastIndex(isMenu));
    const onBotSide = await t.botReceives((a) => a.conversation.id === conversationId && a.text === 'hola');
    expect(onBotSide.channelId).toBe('webchat');
  });
});

describe('resuming a conversation', () => {
  it('a reload with the previous token continues the same conversation and its dialog, without a second welcome', async () => {
    const first = await ticket();
    const { client, seen } = open({ token: first.token, webSocket: true });
    await seen.until((all) => all.some(isMenu));
    const watermark = seen.activities.at(-1)!.id!.split('|')[1]!;
    client.end();

    const again = await ticket(first.token);
    expect(again.conversationId).toBe(first.conversationId);
    const start = await fetch(`${t.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${again.token}` } });
    expect(start.status).toBe(200);

    // Like Web Chat after a reload: reconnect with the conversation id and the last watermark seen.
    const resumed = open({ token: again.token, webSocket: true, conversationId: again.conversationId, watermark: String(Number(watermark)) });
    await waitForStatus(resumed.client, ConnectionStatus.Online);
    await post(resumed.client, { type: 'message', text: '1', from: { id: 'u' } });
    const activities = await resumed.seen.until((all) => all.some((a) => a.text === common.comingSoon(MENU[0]!.title)));
    // Only what came after the watermark: no replay of the welcome.
    expect(activities.some(isWelcome)).toBe(false);
    expect(activities[0]).toMatchObject({ text: '1' });
    const welcomes = t.received.filter((a) => a.conversation.id === first.conversationId && a.type === 'conversationUpdate');
    expect(welcomes).toHaveLength(1);
  });

  it('an expired previous token starts a new conversation', () =>
    withOwnServer(async (own) => {
      const first = await ticket(undefined, own);
      own.clock.advance(31 * 60 * 1000);
      const next = await ticket(first.token, own);
      expect(next.conversationId).not.toBe(first.conversationId);
    }));
});

describe('files', () => {
  it('a PDF sent through the upload endpoint reaches the bot as a staged attachment', async () => {
    const { token, conversationId } = await ticket();
    const { client, seen } = open({ token, webSocket: true });
    await seen.until((all) => all.some(isMenu));
    const id = await post(client, {
      type: 'message',
      from: { id: 'u' },
      attachments: [{ contentType: 'application/pdf', contentUrl: fileUrl, name: 'orden-medica.pdf' }],
      channelData: { clientActivityID: 'upload-1' },
    });

    const onBotSide = await t.botReceives((a) => a.conversation.id === conversationId && (a.attachments?.length ?? 0) > 0);
    const [attachment] = onBotSide.attachments!;
    expect(attachment).toMatchObject({ contentType: 'application/pdf', name: 'orden-medica.pdf' });
    const stagedId = StagedFileStore.idFromUrl(attachment!.contentUrl)!;
    expect(stagedId).toBeDefined();
    expect(await t.stagedFiles.read(stagedId)).toEqual(pdf);

    // The user's copy: name and size, with no internal staged: URL.
    const echo = (await seen.until((all) => all.some((a) => a.id === id))).find((a) => a.id === id)!;
    expect(echo.attachments).toEqual([{ contentType: 'application/pdf', name: 'orden-medica.pdf' }]);
    expect(echo.channelData).toMatchObject({ clientActivityID: 'upload-1', attachmentSizes: [pdf.length] });
  });

  it('a 16 MB file is refused with 413 and a clear message, and nothing is kept', async () => {
    const { token, conversationId } = await ticket();
    await fetch(`${t.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const before = t.received.length;
    const stagedBefore = await readdir(t.stagedDir);
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
    const big = Buffer.alloc(16 * 1024 * 1024, 0x20);
    pdf.copy(big);
    form.append('file', new Blob([big], { type: 'application/pdf' }), 'grande.pdf');
    const response = await fetch(`${t.url}/v3/directline/conversations/${conversationId}/upload?userId=u`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'file_too_large', message: 'El archivo supera el tamaño máximo de 15 MB.' } });
    expect(t.received.slice(before).filter((a) => a.type === 'message')).toHaveLength(0);
    const page = await t.channel.store.activitiesAfter(conversationId, 0);
    expect(page.entries.some((e) => e.activity.from.role === 'user')).toBe(false);
    expect(await readdir(t.stagedDir)).toEqual(stagedBefore);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });

  it("a PDF the bot sends arrives as a download link that serves the same bytes, only to its conversation's client", async () => {
    const tokenResponse = await fetch(`${t.url}/api/webchat/token`, { method: 'POST' });
    const { token, conversationId } = (await tokenResponse.json()) as Ticket;
    const downloadCookie = tokenResponse.headers.get('set-cookie')!.split(';')[0]!;
    const { seen } = open({ token, webSocket: true });
    await seen.until((all) => all.some(isMenu));
    const user = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { user: string };
    await t.registry.send({ channelId: 'webchat', conversation: { id: conversationId } as never, user: { id: user.user, name: '' } }, [
      {
        type: 'message',
        text: 'Aquí está tu certificado.',
        attachments: [{ contentType: 'application/pdf', name: 'certificado.pdf', contentUrl: `data:application/pdf;base64,${pdf.toString('base64')}` }],
      },
    ]);
    const sent = (await seen.until((all) => all.some((a) => a.text === 'Aquí está tu certificado.'))).at(-1)!;
    const link = sent.attachments![0]!.contentUrl!;
    expect(link).toMatch(new RegExp(`^${t.url}/v3/directline/attachments/[0-9a-f]{32}$`));
    // A bare link (forwarded, logged) is not enough, nor another conversation's token.
    expect((await fetch(link)).status).toBe(404);
    const other = await ticket();
    expect((await fetch(link, { headers: { Authorization: `Bearer ${other.token}` } })).status).toBe(404);
    // The browser that got the token has its cookie; a client with the token shows it.
    expect((await fetch(link, { headers: { Cookie: downloadCookie } })).status).toBe(200);
    const download = await fetch(link, { headers: { Authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe("attachment; filename=\"certificado.pdf\"; filename*=UTF-8''certificado.pdf");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    expect((await fetch(`${t.url}/v3/directline/attachments/${'0'.repeat(32)}`)).status).toBe(404);
  });
});

describe('proactive messages and tokens', () => {
  it('an agent reply sent through the registry reaches an open stream and a polling client', async () => {
    const { token, conversationId } = await ticket();
    const streaming = open({ token, webSocket: true });
    await streaming.seen.until((all) => all.some(isMenu));
    const polling = open({ token, webSocket: false, conversationId });
    const user = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { user: string };
    await t.registry.send({ channelId: 'webchat', conversation: { id: conversationId } as never, user: { id: user.user, name: '' } }, [
      { type: 'message', text: 'Hola, soy Laura, asesora de tu EPS.' },
    ]);
    const byAgent = (a: Activity) => a.text === 'Hola, soy Laura, asesora de tu EPS.';
    await streaming.seen.until((all) => all.some(byAgent));
    await polling.seen.until((all) => all.some(byAgent));
  });

  it("refuses a proactive send to a 'webchat' conversation that came from Azure instead of losing it", async () => {
    await expect(
      t.registry.send(
        { channelId: 'webchat', serviceUrl: 'https://webchat.botframework.com/', conversation: { id: 'azure-1' } as never, user: { id: 'u', name: '' } },
        [{ type: 'message', text: 'Hola' }],
      ),
    ).rejects.toThrow(/different serviceUrl/);
    expect(await t.channel.store.getConversation('azure-1')).toBeUndefined();
  });

  it('refreshes a token for the same conversation, and refuses an expired one', () =>
    withOwnServer(async (own) => {
      const { token, conversationId } = await ticket(undefined, own);
      const refreshed = await fetch(`${own.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(refreshed.status).toBe(200);
      const body = (await refreshed.json()) as Ticket;
      expect(body.conversationId).toBe(conversationId);
      expect(body.expires_in).toBe(1800);

      own.clock.advance(29 * 60 * 1000);
      const withNew = await fetch(`${own.url}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${body.token}` } });
      expect(withNew.status).toBe(201);

      own.clock.advance(2 * 60 * 1000);
      const late = await fetch(`${own.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(late.status).toBe(403);
      expect(((await late.json()) as { error: { code: string } }).error.code).toBe('token_expired');
    }));

  it('a message retried with the same clientActivityID runs the bot once', async () => {
    const { token, conversationId } = await ticket();
    const { client, seen } = open({ token, webSocket: true });
    await seen.until((all) => all.some(isMenu));
    const message = { type: 'message', text: 'ayuda', from: { id: 'u' }, channelData: { clientActivityID: 'retry-1' } };
    const first = await post(client, message);
    const second = await post(client, message);
    expect(second).toBe(first);
    expect(t.received.filter((a) => a.conversation.id === conversationId && a.text === 'ayuda')).toHaveLength(1);
  });
});
