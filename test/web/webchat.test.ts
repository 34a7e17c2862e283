// The web chat page in a real browser (Debian's Chromium through playwright-core), at phone size:
// the official Web Chat shows the welcome and the menu, answers "hola", sends a PDF through its own
// attachment button (the bot receives it as an attachment), and a reload resumes the same conversation.
// Each `it` opens its own server, browser and page: none relies on what another left on screen.
import { Activity } from 'botbuilder';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { common } from '../../dialogs/messages/common';
import { StagedFileStore } from '../../src/storage/stagedFileStore';
import { PASSWORD_QUESTION, PasswordDialog, passwordReceived } from '../channels/directline/passwordDialog';
import { TestServer, startTestServer } from '../channels/directline/testServer';
import { samplePdf } from '../helpers/pdfCorpus';
import { CHROMIUM_SKIP_REASON, LaunchedBrowser, PHONE, chromiumAvailable, launchChromium, screenshot, screenshotsOnFailure } from '../helpers/browser';

/** Polls what the page shows until it matches (Web Chat renders asynchronously). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

describe.skipIf(!chromiumAvailable())(`web chat page in Chromium ${chromiumAvailable() ? '' : CHROMIUM_SKIP_REASON}`, () => {
  let t: TestServer;
  let chromium: LaunchedBrowser;
  let page: Page;
  let problems: string[];

  beforeEach(async () => {
    problems = [];
    t = await startTestServer({ startAt: new Date().toISOString(), features: [new PasswordDialog()] });
    chromium = await launchChromium(PHONE);
    page = await chromium.context.newPage();
    // Any CSP violation or page error is a defect the user could hit.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  });

  afterEach(async () => {
    await chromium?.close();
    await t?.close();
  });
  screenshotsOnFailure(() => [page]);

  const botSays = (text: string) => page.locator('.webchat__text-content', { hasText: text });
  const option = (title: string) => page.getByRole('toolbar').getByRole('button', { name: title, exact: true });
  const conversationsStarted = () => t.received.filter((a) => a.type === 'conversationUpdate').map((a) => a.conversation.id);
  const opened = async (): Promise<void> => {
    await page.goto(t.url);
    await eventually(() => botSays('Soy la Oficina Virtual de tu EPS').isVisible()).toBe(true);
  };
  /** Any CSP violation or page error is a defect the user could hit. */
  const expectNoProblems = async (): Promise<void> => {
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(problems).toEqual([]);
  };

  it('opens with the welcome and the menu, answers "hola", takes a PDF from its clip, and a reload resumes it all', async () => {
    // It opens with the welcome and the numbered menu, in Spanish, without the user typing.
    await page.goto(t.url);
    await eventually(() => botSays('Soy la Oficina Virtual de tu EPS').isVisible()).toBe(true);
    await eventually(() => option('1. Registrarme').isVisible()).toBe(true);
    // Keywords appear without WhatsApp's asterisks, and the send box speaks with "tú".
    expect(await botSays('En cualquier momento escribe').first().textContent()).toContain('escribe menú, cancelar, ayuda, asesor o salir.');
    expect(await page.getByRole('textbox').getAttribute('placeholder')).toBe('Escribe tu mensaje');
    expect(await page.title()).toBe('Oficina Virtual');
    expect(conversationsStarted()).toHaveLength(1);

    // It answers "hola" with the menu.
    const input = page.getByRole('textbox');
    await input.fill('hola');
    await input.press('Enter');
    await t.botReceives((a) => a.text === 'hola');
    await eventually(() => botSays('Qué quieres hacer').count()).toBe(2);
    await eventually(() => option('9. Hablar con un asesor').isVisible()).toBe(true);

    // A PDF sent through the widget's attachment button reaches the bot as an attachment.
    const pdf = samplePdf();
    await page.locator('input[type="file"]').setInputFiles({ name: 'orden-medica.pdf', mimeType: 'application/pdf', buffer: pdf });
    // Web Chat uploads when the user presses send.
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();

    const received: Activity = await t.botReceives((a) => a.attachments?.some((x) => x.name === 'orden-medica.pdf') ?? false);
    const [attachment] = received.attachments!;
    expect(attachment!.contentType).toBe('application/pdf');
    expect(await t.stagedFiles.read(StagedFileStore.idFromUrl(attachment!.contentUrl)!)).toEqual(pdf);
    // On screen: the file in the user's bubble, then the bot's answer to it.
    await eventually(() => page.locator('.webchat__fileContent', { hasText: 'orden-medica.pdf' }).isVisible()).toBe(true);
    await eventually(() => botSays('Recibí tu archivo, pero en este paso no lo necesito').count()).toBe(1);
    // The transcript follows the conversation: the newest message ends up in view.
    await eventually(() =>
      page.evaluate(() => {
        const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
        return scroller !== null && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2;
      }),
    ).toBe(true);
    await screenshot(page, 'webchat-phone');

    // A reload resumes the same conversation with its history.
    const shownBefore = await page.locator('.webchat__text-content').count();
    await page.reload();
    await eventually(() => page.locator('.webchat__fileContent', { hasText: 'orden-medica.pdf' }).isVisible()).toBe(true);
    await eventually(() => page.locator('.webchat__text-content', { hasText: /^hola$/ }).count()).toBe(1);
    // The whole history is back (nothing more, nothing less), and no new conversation started.
    await eventually(() => page.locator('.webchat__text-content').count()).toBe(shownBefore);
    expect(conversationsStarted()).toHaveLength(1);
    await input.fill('ayuda');
    await input.press('Enter');
    await eventually(() => botSays(common.helpGeneral.slice(0, 40)).isVisible()).toBe(true);
    expect(new Set(t.received.map((a) => a.conversation.id)).size).toBe(1);
    await expectNoProblems();
  }, 60_000);

  it('a password typed in the chat is shown as [oculto], also after a reload', async () => {
    await opened();
    await option('2. Iniciar sesión').click();
    await eventually(() => botSays(PASSWORD_QUESTION).count()).toBe(1);
    const input = page.getByRole('textbox');
    await input.fill('Cajacopi#2026');
    await input.press('Enter');
    await eventually(() => botSays(passwordReceived(13)).count()).toBe(1);
    await eventually(() => page.locator('.webchat__text-content', { hasText: '[oculto]' }).count()).toBe(1);
    // No message bubble shows it (Web Chat's screen-reader live region briefly announced what was typed).
    const bubblesWithPassword = () => page.locator('.webchat__text-content', { hasText: 'Cajacopi' }).count();
    expect(await bubblesWithPassword()).toBe(0);
    await page.reload();
    await eventually(() => botSays(passwordReceived(13)).count()).toBe(1);
    expect(await page.locator('.webchat__text-content', { hasText: '[oculto]' }).count()).toBe(1);
    expect(await bubblesWithPassword()).toBe(0);
    await expectNoProblems();
  });

  it('a PDF the bot sends can be downloaded from the chat with its name', async () => {
    await opened();
    const [user] = t.received.filter((a) => a.type === 'conversationUpdate');
    const pdf = samplePdf();
    await t.registry.send({ channelId: 'webchat', conversation: user!.conversation, user: user!.from }, [
      {
        type: 'message',
        text: 'Aquí está tu certificado de afiliación.',
        attachments: [{ contentType: 'application/pdf', name: 'certificado.pdf', contentUrl: `data:application/pdf;base64,${pdf.toString('base64')}` }],
      },
    ]);
    const link = page.locator('a.webchat__fileContent__buttonLink', { hasText: 'certificado.pdf' });
    await eventually(() => link.isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('certificado.pdf');
    const saved = await download.path();
    expect(await readFile(saved)).toEqual(pdf);
    await expectNoProblems();
  });

  it('opened under another host name than PUBLIC_URL, it still chats (polling instead of the stream)', async () => {
    // The page opened at PUBLIC_URL holds the one stream.
    await opened();
    await eventually(() => t.server.directLineStreams!.clients.size).toBe(1);
    const other = await chromium.context.newPage();
    await other.goto(t.url.replace('127.0.0.1', 'localhost'));
    const said = (text: string) => other.locator('.webchat__text-content', { hasText: text });
    await eventually(() => said('Soy la Oficina Virtual de tu EPS').count()).toBe(1);
    const input = other.getByRole('textbox');
    await input.fill('ayuda');
    await input.press('Enter');
    await eventually(() => said(common.helpGeneral.slice(0, 40)).count()).toBe(1);
    expect(t.server.directLineStreams!.clients.size).toBe(1);
    await other.close();
  });

});
