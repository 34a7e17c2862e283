// The agent console in a real Chromium, against the real server: an agent signs in, takes a conversation
// started in the official Web Chat, both sides see each other's messages (an HTML-looking message stays
// text), the agent hands it back and the bot answers again. Then the same with a WhatsApp conversation
// through the whatsapp-web.js channel's fake client, including the PDF the user sent, opened as a download.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff as texts } from '../../dialogs/messages/handoff';
import { DirectLineChannel } from '../../src/channels/directline/directLineChannel';
import { ChannelRegistry } from '../../src/channels/registry';
import { WebJsAdapter, WHATSAPP_WEBJS_CHANNEL } from '../../src/channels/whatsapp/webjsAdapter';
import { silentLogger } from '../../src/observability/logger';
import { StagedFileStore } from '../../src/storage/stagedFiles';
import { samplePdf } from '../channels/directline/testServer';
import { FakeWebJsClient } from '../channels/whatsapp/fakes';
import { AgentApi, startAgentApi } from '../handoff/agentApi';
import { CASE_QUESTION, FakePqrdsDialog, PASSWORD_QUESTION, wireHandoffBot } from '../handoff/harness';
import { CHROMIUM_SKIP_REASON, LaunchedBrowser, PHONE, chromiumAvailable, launchChromium } from '../helpers/browser';
import { fixedClock } from '../helpers/clock';
import { createTestDb, TestDb } from '../helpers/testDb';

const SCREENSHOT = '/tmp/oficina-agent-console.png';
const WHATSAPP_USER = '573001112233@c.us';
const HOSTILE = 'Hola <img src=x onerror="window.__pwned=1"> necesito ayuda';

// The machine is shared: give every wait in the browser room to breathe.
const WAIT = { timeout: 10_000 };

describe.skipIf(!chromiumAvailable())(`agent console in Chromium ${chromiumAvailable() ? '' : CHROMIUM_SKIP_REASON}`, () => {
  let db: TestDb;
  let api: AgentApi;
  let userBrowser: LaunchedBrowser;
  let agentBrowser: LaunchedBrowser;
  let user: Page;
  let agent: Page;
  let whatsapp: FakeWebJsClient;
  let staged: StagedFileStore;
  const problems: string[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    const clock = fixedClock('2026-11-27T15:00:00Z');
    const registry = new ChannelRegistry();
    const wired = wireHandoffBot({ knex: db.knex, clock, registry, features: [new FakePqrdsDialog()] });
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    staged = new StagedFileStore(await mkdtemp(`${tmpdir()}/agent-console-staged-`));

    whatsapp = new FakeWebJsClient();
    const webjs = new WebJsAdapter({ client: whatsapp, bot: wired.bot, files: staged, logger: silentLogger });
    for (const m of wired.middleware) webjs.use(m);
    registry.register(WHATSAPP_WEBJS_CHANNEL, webjs);

    api = await startAgentApi({
      knex: db.knex,
      clock,
      service: wired.service,
      bus: wired.bus,
      stagedFiles: staged,
      directLine: (publicUrl) => {
        const channel = new DirectLineChannel({
          bot: wired.bot,
          tokenSecret: 'test-secret-test-secret-test-secret-0123',
          publicUrl,
          stagedFiles: staged,
          clock,
          logger: silentLogger,
          registry,
        });
        for (const m of wired.middleware) channel.adapter.use(m);
        return channel;
      },
    });

    userBrowser = await launchChromium(PHONE);
    agentBrowser = await launchChromium({ viewport: { width: 1366, height: 768 }, locale: 'es-CO', acceptDownloads: true });
    user = await userBrowser.context.newPage();
    agent = await agentBrowser.context.newPage();
    user.on('pageerror', (error) => problems.push(`web chat pageerror: ${error.message}`));
    agent.on('pageerror', (error) => problems.push(`console pageerror: ${error.message}`));
    agent.on('console', (message) => {
      if (message.type() === 'error' && !/401 \(Unauthorized\)/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    // Every failed request of the console page is a defect, except the one wrong password typed on purpose.
    agent.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/api/agent/login')) problems.push(`${r.status()}: ${r.url()}`);
    });
    await agent.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  });

  afterAll(async () => {
    await userBrowser?.close();
    await agentBrowser?.close();
    await api?.close();
    await db?.close();
  });

  const say = async (text: string) => {
    const input = user.getByRole('textbox');
    await input.fill(text);
    await input.press('Enter');
  };
  const userSees = (text: string) => expect.poll(() => user.getByText(text, { exact: false }).last().isVisible(), WAIT).toBe(true);
  const agentSees = (text: string) =>
    expect.poll(() => agent.locator('#transcript').getByText(text, { exact: false }).last().isVisible(), WAIT).toBe(true);

  it('the web chat user asks for a person in the middle of a task and is told their place', async () => {
    await user.goto(api.url);
    await userSees('Soy la Oficina Virtual de tu EPS');
    await say('PQRDS');
    await userSees(CASE_QUESTION);
    await say('asesor');
    await userSees(texts.queued(1));
  });

  it('the agent signs in and sees the conversation waiting, live', async () => {
    await agent.goto(`${api.url}/agent`);
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
  });

  it('the agent takes it, sees the bot part too, and both sides read each other', async () => {
    await agent.locator('#queue-list li').first().click();
    await agentSees(CASE_QUESTION);
    expect(await agent.locator('#context-list').textContent()).toMatch(/Trámite en curso\s*PQRDS/);
    await agent.getByRole('button', { name: 'Tomar conversación' }).click();
    await userSees(texts.agentJoined('Laura'));

    await say(HOSTILE);
    await agentSees(HOSTILE);
    // Shown as text: no image element was created and its handler never ran.
    expect(await agent.locator('#transcript img').count()).toBe(0);
    expect(await agent.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await agent.locator('#reply-text').fill('Con gusto te ayudo. ¿Qué autorización necesitas?');
    await agent.locator('#reply-text').press('Enter');
    await userSees('Con gusto te ayudo. ¿Qué autorización necesitas?');
    await agentSees('Con gusto te ayudo.');
    await agent.screenshot({ path: SCREENSHOT });
  });

  it('the agent hands it back and the bot resumes the interrupted question', async () => {
    // Count before the click: the bot may re-ask before a count taken after it.
    const asked = await user.getByText(CASE_QUESTION).count();
    await agent.getByRole('button', { name: 'Terminar y devolver al asistente' }).click();
    await userSees(texts.resolved);
    await expect.poll(() => user.getByText(CASE_QUESTION).count(), WAIT).toBeGreaterThan(asked);
    await say('Mi autorización de resonancia no sale');
    await userSees(PASSWORD_QUESTION);
    await expect.poll(() => agent.locator('#reply-form').isHidden(), WAIT).toBe(true);
  });

  it('a WhatsApp conversation arrives live, with the PDF the user sent, and goes back to the bot', async () => {
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
    await expect.poll(() => whatsapp.textsTo(WHATSAPP_USER).includes(texts.agentJoined('Laura')), WAIT).toBe(true);

    // The PDF opens as a download, never inline on the console's page.
    const [download] = await Promise.all([agent.waitForEvent('download'), agent.getByRole('link', { name: /orden médica\.pdf/ }).click()]);
    expect(download.suggestedFilename()).toBe('orden médica.pdf');
    expect(agent.url()).toBe(`${api.url}/agent`);

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
    expect(whatsapp.textsTo(WHATSAPP_USER).at(-1)).toBe(CASE_QUESTION);
  });

  it('ran without CSP violations or page errors', async () => {
    expect(await agent.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(problems).toEqual([]);
  });
});
