// The web chat page of the real application (createApp, as `npm start` serves it) in Chromium at phone
// size, tried the way people trip over it: a double tap, a file chosen with the clip and never "sent", a
// file that is too big or not a PDF, a password typed in the open, a shared computer ("Nuevo chat",
// "salir"), links and phones that could not be tapped, an agent indistinguishable from the bot.
// Each `it` opens its own app, browser and page and gets where it needs to be by itself.
import { gzipSync } from 'node:zlib';
import type { Page, Request } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { common } from '../../dialogs/messages/common';
import { handoff as handoffTexts } from '../../dialogs/messages/handoff';
import { identity } from '../../dialogs/messages/identity';
import { DEMO_IDS, DEMO_PASSWORD } from '../../src/storage/seeds';
import { AgentClient } from '../helpers/agentClient';
import { samplePdf } from '../helpers/pdfCorpus';
import { CHROMIUM_SKIP_REASON, LaunchedBrowser, PHONE, chromiumAvailable, launchChromium, screenshotsOnFailure } from '../helpers/browser';
import { startTestApp, TestApp } from '../helpers/testApp';

const WAIT = { timeout: 15_000, interval: 100 };
/** Its first sentence: the page shows *olvidé mi contraseña* without the asterisks. */
const PASSWORD_QUESTION = identity.passwordQuestion.split('.')[0]!;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, WAIT);

/** WCAG contrast ratio of two rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.skipIf(!chromiumAvailable())(`web chat traps in Chromium ${chromiumAvailable() ? '' : CHROMIUM_SKIP_REASON}`, () => {
  let t: TestApp;
  let chromium: LaunchedBrowser;
  let page: Page;
  let posted: string[];
  let problems: string[];

  beforeEach(async () => {
    posted = [];
    problems = [];
    t = await startTestApp();
    chromium = await launchChromium(PHONE);
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    // What the page sent to the server, as the server saw it.
    page.on('request', (request: Request) => {
      if (request.method() === 'POST' && /\/activities$/.test(request.url())) {
        const body = request.postDataJSON() as { text?: string } | null;
        posted.push(body?.text ?? '');
      }
    });
  });

  afterEach(async () => {
    await chromium?.close();
    await t?.close();
    // Any page error is a defect the person could hit, whatever the test was about.
    expect(problems).toEqual([]);
  });
  screenshotsOnFailure(() => [page]);

  const said = (text: string | RegExp) => page.locator('.webchat__text-content', { hasText: text });
  const option = (title: string) => page.getByRole('toolbar').getByRole('button', { name: title, exact: true });
  const textbox = () => page.locator('.webchat__send-box-text-box__input');
  const say = async (text: string) => {
    await textbox().fill(text);
    await textbox().press('Enter');
  };
  const opened = async () => {
    await page.goto(t.baseUrl);
    await eventually(() => said('Soy la Oficina Virtual de tu EPS').count()).toBe(1);
    await eventually(() => option('1. Registrarme').isVisible()).toBe(true);
  };
  /** Opens the page and answers the sign-in's first question: the document number is asked next. */
  const toDocumentNumber = async () => {
    await opened();
    await say('Iniciar sesión');
    await eventually(() => said(identity.documentTypeQuestion.split('\n')[0]!).count()).toBeGreaterThan(0);
    await say('CC');
    await eventually(() => said('Escribe el número de tu').count()).toBeGreaterThan(0);
  };
  /** The person asks for an agent and one takes the conversation: from then on, files are expected. */
  const heldByAgent = async (): Promise<{ agent: AgentClient; handoffId: string }> => {
    await say('asesor');
    await eventually(() => said('te comunico con un asesor').count()).toBeGreaterThan(0);
    const agent = new AgentClient(t.baseUrl);
    await agent.login('asesor@demo.local', 'asesor-demo-2026');
    const [item] = (await agent.get<Array<{ id: string }>>('/api/agent/handoffs?status=pending')).body;
    await agent.post(`/api/agent/handoffs/${item!.id}/take`);
    await eventually(() => said(handoffTexts.agentJoined('Laura', 'asesora')).count()).toBe(1);
    return { agent, handoffId: item!.id };
  };
  const conversationId = () =>
    page.evaluate(async () => {
      // The resumable token names its conversation; asking the server is what the page itself does.
      const token = window.sessionStorage.getItem('oficinaVirtual.webchat.token');
      const res = await fetch('/api/webchat/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
      return ((await res.json()) as { conversationId: string }).conversationId;
    });

  it('a double tap on an option counts once, and the text box stays writable', async () => {
    await opened();
    const before = posted.length;
    // Two taps in the same instant, as a thumb does.
    await option('2. Iniciar sesión').evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
    await eventually(() => said(identity.documentTypeQuestion.split('\n')[0]!).count()).toBeGreaterThan(0);
    expect(posted.slice(before)).toEqual(['Iniciar sesión']);
    expect(await textbox().getAttribute('readonly')).toBeNull();
    // The options of the answered question no longer act.
    expect(await option('2. Iniciar sesión').count()).toBe(0);
  });

  it('the password is masked while typed; "olvidé mi contraseña" is shown as written', async () => {
    await toDocumentNumber();
    expect(await textbox().getAttribute('type')).toBe('text');
    await say('1045678904');
    await eventually(() => said(identity.passwordQuestion.split('\n')[0]!).count()).toBe(1);
    await eventually(() => textbox().getAttribute('type')).toBe('password');
    await say('olvidé mi contraseña');
    // The person's own bubble (the question itself mentions the words too).
    await eventually(() => page.locator('.webchat__bubble--from-user .webchat__text-content', { hasText: 'olvidé mi contraseña' }).count()).toBe(1);
    await eventually(() => textbox().getAttribute('type')).toBe('text');
    expect(await page.locator('.webchat__text-content', { hasText: '[oculto]' }).count()).toBe(0);
    await say('menú');
    await eventually(() => option('1. Registrarme').isVisible()).toBe(true);
  });

  it('a real sign-in: the password typed is shown as [oculto], on screen and after a reload', async () => {
    await toDocumentNumber();
    await say('1045678904');
    await eventually(() => said(identity.passwordQuestion.split('\n')[0]!).count()).toBe(1);
    await say(DEMO_PASSWORD);
    await eventually(() => said(identity.welcome('Ana')).count()).toBe(1);
    const mine = page.locator('.webchat__bubble--from-user .webchat__text-content');
    await eventually(() => mine.filter({ hasText: '[oculto]' }).count()).toBe(1);
    expect(await page.locator('.webchat__text-content', { hasText: DEMO_PASSWORD }).count()).toBe(0);
    // A reload reads the conversation back from the server, which never kept the password either.
    await page.reload();
    await eventually(() => said(identity.welcome('Ana')).count()).toBe(1);
    expect(await mine.filter({ hasText: '[oculto]' }).count()).toBe(1);
    expect(await page.locator('.webchat__text-content', { hasText: DEMO_PASSWORD }).count()).toBe(0);
  });

  it('a file chosen with the clip is sent at once; what was typed stays in the box', async () => {
    await opened();
    await heldByAgent();
    await textbox().fill('listo');
    const before = (await t.db.knex('transcript_entries').whereNotNull('attachments').count({ n: '*' }))[0]!.n;
    await page.locator('input[type="file"]').setInputFiles({ name: 'orden.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await eventually(async () => Number((await t.db.knex('transcript_entries').whereNotNull('attachments').count({ n: '*' }))[0]!.n)).toBe(Number(before) + 1);
    await eventually(() => page.locator('.webchat__fileContent', { hasText: 'orden.pdf' }).isVisible()).toBe(true);
    expect(await textbox().inputValue()).toBe('listo');
    await textbox().fill('');
  });

  it('a file over 15 MB or of another type gets its reason in the chat, and is not sent', async () => {
    await opened();
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/upload')) uploads.push(r.url());
    });
    await page.locator('input[type="file"]').setInputFiles({ name: 'escaner.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(16 * 1024 * 1024, 0x20) });
    await eventually(() => said('No envié «escaner.pdf»: pesa 16 MB y el máximo es 15 MB').count()).toBe(1);
    await page.locator('input[type="file"]').setInputFiles({ name: 'orden.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK') });
    await eventually(() => said('No envié «orden.docx»: solo recibo archivos PDF o fotos').count()).toBe(1);
    expect(uploads).toEqual([]);
  });

  it("when the server refuses a file, the server's reason reaches the person", async () => {
    await opened();
    await heldByAgent();
    // A server configured with a lower limit than the page's check: its 413 reason must be shown.
    (t.app.directLine as { maxUploadBytes: number }).maxUploadBytes = 200 * 1024;
    await page.locator('input[type="file"]').setInputFiles({ name: 'grande.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([samplePdf(), Buffer.alloc(400 * 1024, 0x20)]) });
    await eventually(() => said(/^El servidor no recibió tu archivo: El archivo supera el tamaño máximo de 0[.,]2 MB\.$/).count()).toBe(1);
    // The person can go on writing to the agent.
    expect(await textbox().getAttribute('readonly')).toBeNull();
  });

  it('links and phones are tappable (https: and tel: only); nothing else becomes markup', async () => {
    await opened();
    const conversation = await conversationId();
    await t.app.registry.send({ channelId: 'webchat', conversation: { id: conversation }, user: { id: 'u' } } as never, [
      {
        type: 'message',
        text: 'Política completa: https://eps.example.co/politica.\nLlama al (605) 385 0101 o a la línea 123. <img src=x onerror="window.__pwned=1"> javascript:alert(1) http://inseguro.example.co _nota_',
      },
    ]);
    const bubble = said('Política completa');
    await eventually(() => bubble.count()).toBe(1);
    const links = await bubble.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['https://eps.example.co/politica', 'https://eps.example.co/politica'],
      ['(605) 385 0101', 'tel:+576053850101'],
      ['123', 'tel:123'],
    ]);
    expect(await bubble.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await bubble.textContent()).toContain('<img src=x');
    expect(await bubble.textContent()).toContain(' nota');
    expect(await bubble.textContent()).not.toContain('_nota_');
    // What the person types stays text, links included.
    await say('mira https://eps.example.co/x <b>hola</b>');
    await eventually(() => page.locator('.webchat__text-content', { hasText: '<b>hola</b>' }).count()).toBe(1);
    expect(await page.locator('.webchat__text-content', { hasText: '<b>hola</b>' }).locator('a').count()).toBe(0);
  });

  it("an agent's messages carry her name, 'asesora', and an avatar of their own", async () => {
    await opened();
    const { agent, handoffId } = await heldByAgent();
    await agent.post(`/api/agent/handoffs/${handoffId}/messages`, { text: 'Revisa https://eps.example.co/ayuda' });
    const agentBubble = said('Revisa');
    await eventually(() => agentBubble.count()).toBe(1);
    expect(await agentBubble.locator('.ov-agent-name').textContent()).toBe('Laura · asesora');
    expect(await agentBubble.locator('a').getAttribute('href')).toBe('https://eps.example.co/ayuda');
    const avatarColor = (text: string) =>
      said(text).evaluate((node) => {
        const row = node.closest('.webchat__stacked-layout');
        const avatar = row?.querySelector('.webchat__initialsAvatar');
        return avatar ? getComputedStyle(avatar).backgroundColor : 'none';
      });
    expect(await avatarColor(handoffTexts.agentJoined('Laura', 'asesora'))).not.toBe(await avatarColor('Soy la Oficina Virtual de tu EPS'));
    await agent.post(`/api/agent/handoffs/${handoffId}/resolve`);
    await eventually(() => said(handoffTexts.resolved).count()).toBe(1);
  });

  it('timestamps are readable (contrast of at least 4.5:1)', async () => {
    await opened();
    await eventually(() => page.locator('.webchat__activity-status').count()).toBeGreaterThan(0);
    const colors = await page.locator('.webchat__activity-status').first().evaluate((node) => {
      let bg = 'rgba(0, 0, 0, 0)';
      for (let n: Element | null = node; n && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); n = n.parentElement) bg = getComputedStyle(n).backgroundColor;
      return { fg: getComputedStyle(node).color, bg };
    });
    expect(contrast(colors.fg, colors.bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('"Nuevo chat" starts a fresh conversation on a clean screen, also after the page unloads', async () => {
    await opened();
    await say('ayuda');
    await eventually(() => said(common.helpGeneral.slice(0, 40)).count()).toBe(1);
    const old = await conversationId();
    await page.getByRole('button', { name: 'Nuevo chat' }).click();
    await eventually(() => said('Soy la Oficina Virtual de tu EPS').count()).toBe(1);
    expect(await said(common.helpGeneral.slice(0, 40)).count()).toBe(0);
    const fresh = await conversationId();
    expect(fresh).not.toBe(old);
    await page.reload();
    await eventually(() => said('Soy la Oficina Virtual de tu EPS').count()).toBe(1);
    expect(await conversationId()).toBe(fresh);
  });

  it('"salir" clears the screen and the next person starts a new conversation', async () => {
    await opened();
    await say('ayuda');
    await eventually(() => said(common.helpGeneral.slice(0, 40)).count()).toBe(1);
    const old = await conversationId();
    await say('salir');
    await eventually(() => said(common.goodbye.slice(0, 20)).count()).toBe(1);
    await eventually(() => said(common.helpGeneral.slice(0, 40)).count()).toBe(0);
    await eventually(() => said('Soy la Oficina Virtual de tu EPS').count()).toBe(1);
    expect(await conversationId()).not.toBe(old);
  });

  it('a family member option is read whole at phone width: name, relationship and document, nothing cut', async () => {
    // Carlos Andrés joins Ana Milena's nucleus, so the certificate asks for whom, with long option titles.
    await opened();
    const ana = await t.app.repositories.affiliates.findById(DEMO_IDS.anaMilena);
    await t.app.knex('affiliates').where({ id: DEMO_IDS.carlosAndres }).update({ family_nucleus_id: ana!.familyNucleusId });
    await say('Iniciar sesión');
    await eventually(() => option('1. Cédula de ciudadanía').count()).toBe(1);
    await say('CC 1045678904');
    await eventually(() => said(PASSWORD_QUESTION).count()).toBeGreaterThan(0);
    await say(DEMO_PASSWORD);
    await eventually(() => option('6. Certificados').count()).toBe(1);
    await say('certificados');
    await eventually(() => option('1. Certificado de afiliación').count()).toBe(1);
    await say('afiliación');
    const carlos = '2. Carlos Andrés Ruiz Díaz · Cónyuge o compañero(a) · CC ******8902';
    await eventually(() => option(carlos).count()).toBe(1);
    const cut = await page.locator('.webchat__suggested-action__text').evaluateAll((nodes) =>
      nodes.filter((n) => n.scrollWidth > n.clientWidth + 1 || n.scrollHeight > n.clientHeight + 1).map((n) => n.textContent),
    );
    expect(cut).toEqual([]);
    expect(await option(carlos).isVisible()).toBe(true);
    await say('cancelar');
    await say('salir');
    await eventually(() => said('Soy la Oficina Virtual de tu EPS').count()).toBe(1);
  });

  it('the page weighs at most 600 KB compressed', async () => {
    let total = 0;
    for (const asset of ['/', '/webchat-app.js', '/webchat.css', '/vendor/webchat.js']) {
      const res = await fetch(`${t.baseUrl}${asset}`);
      total += gzipSync(Buffer.from(await res.arrayBuffer())).length;
    }
    expect(total).toBeLessThanOrEqual(600 * 1024);
  });

});
