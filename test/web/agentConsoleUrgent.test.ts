// The console at laptop size, in a real Chromium, on the real application (createApp): a person who wrote
// of a vital risk on WhatsApp is listed first, marked URGENTE, ahead of someone who asked for a person earlier.
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_SKIP_REASON, LaunchedBrowser, chromiumAvailable, launchChromium, screenshotsOnFailure } from '../helpers/browser';
import { fixedClock } from '../helpers/clock';
import { FakeWebJsClient } from '../helpers/fakeWebJsClient';
import { BROWSER_WAIT as WAIT, signInToConsole } from '../helpers/consolePage';
import { startTestApp, TestApp } from '../helpers/testApp';
import type { Page } from 'playwright-core';

describe.skipIf(!chromiumAvailable())(`urgent handoffs in the console ${chromiumAvailable() ? '' : CHROMIUM_SKIP_REASON}`, () => {
  let t: TestApp | undefined;
  let browser: LaunchedBrowser | undefined;
  let agent: Page | undefined;
  afterEach(async () => {
    await browser?.close();
    await t?.close();
  });
  screenshotsOnFailure(() => [agent]);

  it('lists the vital-risk conversation first, marked URGENTE, with its reason', async () => {
    const clock = fixedClock('2026-11-27T15:00:00Z');
    const whatsapp = new FakeWebJsClient();
    t = await startTestApp({ clock, env: { WHATSAPP_WEBJS: 'on' }, whatsappWebClient: whatsapp });
    await whatsapp.receive({ from: '573001110001@c.us', body: 'hola' });
    await whatsapp.receive({ from: '573001110001@c.us', body: 'asesor' });
    clock.advance(60_000);
    await whatsapp.receive({ from: '573001110002@c.us', body: 'hola' });
    await whatsapp.receive({ from: '573001110002@c.us', body: 'ayuda, mi papá no respira' });

    browser = await launchChromium({ viewport: { width: 1366, height: 768 }, locale: 'es-CO' });
    const page = await browser.context.newPage();
    agent = page;
    await signInToConsole(page, t.baseUrl);
    await expect.poll(() => page.locator('#queue-list li').count(), WAIT).toBe(2);
    const items = page.locator('#queue-list li');
    expect(await items.nth(0).locator('.chip.urgent').textContent()).toBe('URGENTE');
    expect(await items.nth(1).locator('.chip.urgent').count()).toBe(0);
    await items.nth(0).click();
    await expect.poll(() => page.locator('#context-list').textContent(), WAIT).toMatch(/Riesgo vital/);
    await expect.poll(() => page.locator('#transcript').textContent(), WAIT).toMatch(/mi papá no respira/);
  }, 60_000);
});
