// The agent console in a real Chromium, against the real application (createApp, what `npm start`
// serves): an agent signs in, takes a conversation started in the official Web Chat, both sides see each
// other's messages (an HTML-looking message stays text), the agent hands it back and the bot answers
// again. Then the same with a WhatsApp conversation through the whatsapp-web.js channel's fake client,
// including the PDF the user sent, opened as a download. Along the way the console tells the truth: who
// asked and why, the state once, a person leaving with "cancelar", new people announced in the tab title,
// dates in the history, and "Desconectado — reintentando" when the server stops (which it does in seconds,
// live connections included). Each `it` is a whole scenario on an app and browsers of its own.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { handoff as texts } from '../../dialogs/messages/handoff';
import { selfService } from '../../dialogs/messages/selfService';
import { FakeWebJsClient } from '../helpers/fakeWebJsClient';
import { samplePdf } from '../helpers/pdfCorpus';
import { CHROMIUM_SKIP_REASON, LaunchedBrowser, PHONE, chromiumAvailable, launchChromium, screenshot, screenshotsOnFailure } from '../helpers/browser';
import { BROWSER_WAIT as WAIT, signInToConsole } from '../helpers/consolePage';
import { startTestApp, TestApp } from '../helpers/testApp';

const WHATSAPP_USER = '573001112233@c.us';
const HOSTILE = 'Hola <img src=x onerror="window.__pwned=1"> necesito ayuda';
// The question the bot asks after "PQRDS"; it is asked again after the hand-back.
const TASK_QUESTION = selfService.pqrdsQuestion;


/** One app with the whatsapp-web.js channel on a fake client, and the console open in a laptop-sized Chromium. */
interface ConsoleRoom {
  t: TestApp;
  whatsapp: FakeWebJsClient;
  agentBrowser: LaunchedBrowser;
  agent: Page;
  /** Page errors, console errors and failed requests seen so far: each one a defect the agent could hit. */
  problems: string[];
  serverStopped: boolean;
  close(): Promise<void>;
}

async function openRoom(): Promise<ConsoleRoom> {
  const whatsapp = new FakeWebJsClient();
  const t = await startTestApp({ env: { WHATSAPP_WEBJS: 'on' }, whatsappWebClient: whatsapp });
  const agentBrowser = await launchChromium({ viewport: { width: 1366, height: 768 }, locale: 'es-CO', acceptDownloads: true });
  const agent = await agentBrowser.context.newPage();
  const room: ConsoleRoom = {
    t,
    whatsapp,
    agentBrowser,
    agent,
    problems: [],
    serverStopped: false,
    async close() {
      await agentBrowser.close();
      await t.close();
    },
  };
  agent.on('pageerror', (error) => room.problems.push(`console pageerror: ${error.message}`));
  agent.on('console', (message) => {
    if (message.type() === 'error' && !room.serverStopped && !/401 \(Unauthorized\)/.test(message.text())) room.problems.push(`console: ${message.text()}`);
  });
  // Every failed request of the console page is a defect, except the one wrong password typed on purpose.
  agent.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/api/agent/login')) room.problems.push(`${r.status()}: ${r.url()}`);
  });
  await agent.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return room;
}

async function expectNoProblems(room: ConsoleRoom): Promise<void> {
  expect(await room.agent.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
  expect(room.problems).toEqual([]);
}

const say = async (page: Page, text: string) => {
  const input = page.locator('.webchat__send-box-text-box__input');
  await input.fill(text);
  await input.press('Enter');
};

describe.skipIf(!chromiumAvailable())(`agent console in Chromium ${chromiumAvailable() ? '' : CHROMIUM_SKIP_REASON}`, () => {
  let room: ConsoleRoom | undefined;
  let userBrowser: LaunchedBrowser | undefined;
  let user: Page | undefined;
  afterEach(async () => {
    await userBrowser?.close();
    await room?.close();
    room = undefined;
    userBrowser = undefined;
    user = undefined;
  });
  screenshotsOnFailure(() => [room?.agent, user]);

  it('web chat: asked mid-task, taken, both sides read each other, handed back; a second person leaves with "cancelar"; the history dates both', async () => {
    room = await openRoom();
    const { t, agent, problems } = room;
    userBrowser = await launchChromium(PHONE);
    const page = await userBrowser.context.newPage();
    user = page;
    page.on('pageerror', (error) => problems.push(`web chat pageerror: ${error.message}`));
    const userSees = (text: string) => expect.poll(() => page.getByText(text, { exact: false }).last().isVisible(), WAIT).toBe(true);
    const agentSees = (text: string) =>
      expect.poll(() => agent.locator('#transcript').getByText(text, { exact: false }).last().isVisible(), WAIT).toBe(true);

    // The web chat user asks for a person in the middle of a task and is told their place.
    await page.goto(t.baseUrl);
    await userSees('Soy la Oficina Virtual de tu EPS');
    await say(page, 'PQRDS');
    await userSees(TASK_QUESTION);
    await say(page, 'asesor');
    await userSees(texts.queued(1));

    // The agent signs in (after one wrong password) and sees the conversation waiting, live.
    await agent.goto(`${t.baseUrl}/agent`);
    await agent.getByLabel('Correo').fill('asesor@demo.local');
    await agent.getByLabel('Contraseña').fill('clave-equivocada');
    await agent.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect.poll(() => agent.getByText('Correo o contraseña incorrectos.').isVisible(), WAIT).toBe(true);
    await agent.getByLabel('Contraseña').fill('asesor-demo-2026');
    await agent.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect.poll(() => agent.locator('#connection').getAttribute('data-state'), WAIT).toBe('open');
    expect(await agent.locator('#connection').textContent()).toBe('Conectado en vivo');
    await expect.poll(() => agent.locator('#queue-list li').count(), WAIT).toBe(1);
    expect(await agent.locator('#queue-list li').first().textContent()).toMatch(/Web chat[\s\S]*PQRDS/);
    // One person waiting: the tab says so.
    expect(await agent.title()).toBe('(1) Consola de asesores · Oficina Virtual');

    // The agent takes it, sees the bot part too, and both sides read each other.
    await agent.locator('#queue-list li').first().click();
    await agentSees(TASK_QUESTION);
    expect(await agent.locator('#context-list').textContent()).toMatch(/Trámite en curso\s*PQRDS/);
    // The person wrote "asesor": that is what the console says, never "Varios intentos fallidos".
    expect(await agent.locator('#context-list').textContent()).toMatch(/Motivo\s*Pidió un asesor/);
    // The bot's WhatsApp-style marks are not shown raw.
    expect(await agent.locator('#transcript').textContent()).not.toContain('*');
    await agent.getByRole('button', { name: 'Tomar conversación' }).click();
    await userSees(texts.agentJoined('Laura', 'asesora'));
    // The automatic greeting is filed under the agent who sent it.
    await expect
      .poll(() => agent.locator('#transcript li.msg', { hasText: 'Hola, soy Laura' }).locator('.meta').textContent(), WAIT)
      .toMatch(/^Asesor: Laura Gómez · /);

    await say(page, HOSTILE);
    await agentSees(HOSTILE);
    // Shown as text: no image element was created and its handler never ran.
    expect(await agent.locator('#transcript img').count()).toBe(0);
    expect(await agent.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await agent.locator('#reply-text').fill('Con gusto te ayudo. ¿Qué PQRDS quieres consultar?');
    await agent.locator('#reply-text').press('Enter');
    await userSees('Con gusto te ayudo. ¿Qué PQRDS quieres consultar?');
    await agentSees('Con gusto te ayudo.');
    await screenshot(agent, 'agent-console');

    // The agent hands it back, the bot resumes the interrupted question, and the header states it once.
    // Count before the click: the bot may re-ask before a count taken after it.
    const asked = await page.getByText(TASK_QUESTION).count();
    await agent.getByRole('button', { name: 'Terminar y devolver al asistente' }).click();
    await userSees(texts.resolved);
    await expect.poll(() => page.getByText(TASK_QUESTION).count(), WAIT).toBeGreaterThan(asked);
    await expect.poll(() => agent.locator('#reply-form').isHidden(), WAIT).toBe(true);
    await expect.poll(() => agent.locator('#conv-subtitle').textContent(), WAIT).toBe('Web chat · Resuelta');

    // A new person waiting is announced in the tab title; "cancelar" shows in the transcript.
    const second = await userBrowser.context.newPage();
    await second.goto(t.baseUrl);
    await expect.poll(() => second.getByText('Soy la Oficina Virtual de tu EPS').last().isVisible(), WAIT).toBe(true);
    await say(second, 'asesor');
    await expect.poll(() => agent.title(), WAIT).toBe('🔔 Nueva persona en espera · (1) Consola de asesores · Oficina Virtual');
    await agent.locator('.tabs button[data-filter="pending"]').click();
    await expect.poll(() => agent.title(), WAIT).toBe('(1) Consola de asesores · Oficina Virtual');
    await agent.locator('#queue-list li').first().click();
    await agentSees(texts.whileWaiting.slice(0, 30));
    await say(second, 'cancelar');
    await agentSees('cancelar');
    await agentSees(texts.leftQueue.slice(0, 30));
    await expect.poll(() => agent.locator('#conv-subtitle').textContent(), WAIT).toBe('Web chat · El usuario salió');
    await second.close();

    // The history shows each conversation with its date (the test clock is 27 November 2026, Bogotá).
    await agent.locator('.tabs button[data-filter="closed"]').click();
    await expect.poll(() => agent.locator('#queue-list li').count(), WAIT).toBe(2);
    for (const text of await agent.locator('#queue-list li').allTextContents()) expect(text).toContain('27 de nov de 2026');
    expect(await agent.locator('#transcript li.msg .meta').first().textContent()).toMatch(/27 de nov de 2026, /);

    await expectNoProblems(room);
  }, 90_000);

  it('WhatsApp: a conversation arrives live, with the PDF the user sent, and goes back to the bot', async () => {
    room = await openRoom();
    const { t, agent, whatsapp } = room;
    await signInToConsole(agent, t.baseUrl);
    const agentSees = (text: string) =>
      expect.poll(() => agent.locator('#transcript').getByText(text, { exact: false }).last().isVisible(), WAIT).toBe(true);

    await whatsapp.receive({ from: WHATSAPP_USER, body: 'hola' });
    await whatsapp.receive({ from: WHATSAPP_USER, body: 'asesor' });
    expect(whatsapp.textsTo(WHATSAPP_USER)).toContain(texts.queued(1));
    await whatsapp.receive({
      from: WHATSAPP_USER,
      type: 'document',
      hasMedia: true,
      body: '',
      downloadMedia: async () => ({ mimetype: 'application/pdf', data: samplePdf().toString('base64'), filename: 'orden médica.pdf', filesize: null }),
    });

    // No reload: the new conversation comes through the live stream.
    await expect.poll(() => agent.locator('#queue-list li').count(), WAIT).toBe(1);
    const item = agent.locator('#queue-list li').first();
    expect(await item.textContent()).toMatch(/WhatsApp/);
    await item.click();
    await agent.getByRole('button', { name: 'Tomar conversación' }).click();
    await expect.poll(() => whatsapp.textsTo(WHATSAPP_USER).includes(texts.agentJoined('Laura', 'asesora')), WAIT).toBe(true);

    // The PDF opens as a download, never inline on the console's page.
    const [download] = await Promise.all([agent.waitForEvent('download'), agent.getByRole('link', { name: /orden médica\.pdf/ }).click()]);
    expect(download.suggestedFilename()).toBe('orden médica.pdf');
    expect(agent.url()).toBe(`${t.baseUrl}/agent`);

    await whatsapp.receive({ from: WHATSAPP_USER, body: 'Es la orden de la resonancia' });
    await agentSees('Es la orden de la resonancia');
    await agent.locator('#reply-text').fill('Recibido, ya la reviso.');
    await agent.getByRole('button', { name: 'Enviar' }).click();
    await expect.poll(() => whatsapp.textsTo(WHATSAPP_USER).includes('Recibido, ya la reviso.'), WAIT).toBe(true);
    // A PDF from the agent reaches the phone as a document.
    await agent.locator('#reply-file').setInputFiles({ name: 'autorizacion.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await agent.getByRole('button', { name: 'Enviar' }).click();
    await expect.poll(() => whatsapp.sent.some((s) => 'file' in s && s.file.filename === 'autorizacion.pdf' && s.chatId === WHATSAPP_USER), WAIT).toBe(true);

    await agent.getByRole('button', { name: 'Terminar y devolver al asistente' }).click();
    await expect.poll(() => whatsapp.textsTo(WHATSAPP_USER).includes(texts.resolved), WAIT).toBe(true);
    await whatsapp.receive({ from: WHATSAPP_USER, body: 'PQRDS' });
    expect(whatsapp.textsTo(WHATSAPP_USER).at(-1)).toContain(TASK_QUESTION);

    await expectNoProblems(room);
  }, 60_000);

  it('when the server stops, it closes the live connections and the console says it is disconnected', async () => {
    room = await openRoom();
    await signInToConsole(room.agent, room.t.baseUrl);
    room.serverStopped = true;
    // Resolves only once every connection is closed (the console's event stream included).
    await room.t.app.stop();
    await expect.poll(() => room!.agent.locator('#connection').textContent(), WAIT).toBe('Desconectado — reintentando');
  }, 60_000);
});
