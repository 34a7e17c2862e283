// The back office in a real Chromium against the assembled app: an autorizador signs in with the console's
// sign-in, sees the queue with the overdue request marked, opens a request, downloads its PDF (a download,
// never inline) and approves it; the affiliate's SMS is queued and the request is approved. The JSON API
// refuses agents of the conversation console and changes without the CSRF token.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPdf } from '../helpers/pdfCorpus';
import { CHROMIUM_SKIP_REASON, chromiumAvailable, LaunchedBrowser, launchChromium, screenshotsOnFailure } from '../helpers/browser';
import { fixedClock } from '../helpers/clock';
import { startTestApp, TestApp } from '../helpers/testApp';

const WAIT = { timeout: 10_000 };
const REQUEST_5_SUPPORT = 'demo-7b0f8a3e-2c1d-4e5f-8a05-000000000005.pdf';

describe.skipIf(!chromiumAvailable())(`back office in Chromium ${chromiumAvailable() ? '' : CHROMIUM_SKIP_REASON}`, () => {
  let t: TestApp;
  let browser: LaunchedBrowser;
  let opened: Page | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    // 30 November: AUT-2026-000004 was due on the 27th.
    t = await startTestApp({ clock: fixedClock('2026-11-30T15:00:00.000Z') });
    await mkdir(t.app.config.uploadDir, { recursive: true });
    await writeFile(path.join(t.app.config.uploadDir, REQUEST_5_SUPPORT), await smallPdf());
    browser = await launchChromium({ viewport: { width: 1366, height: 900 }, locale: 'es-CO', acceptDownloads: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  screenshotsOnFailure(() => [opened]);

  it('an autorizador signs in, opens a request, reads its PDF and approves it', async () => {
    const page = await browser.context.newPage();
    opened = page;
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${t.baseUrl}/backoffice`);
    await page.getByLabel('Correo').fill('autorizador@demo.local');
    await page.getByLabel('Contraseña').fill('autorizador-demo-2026');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();

    const overdue = page.locator('#request-list li', { hasText: 'AUT-2026-000004' });
    await expect.poll(() => overdue.textContent(), WAIT).toContain('Vencida');
    expect(await page.locator('#request-list li', { hasText: 'AUT-2026-000005' }).textContent()).not.toContain('Vencida');

    await page.locator('#request-list li', { hasText: 'AUT-2026-000005' }).click();
    await expect.poll(() => page.locator('#detail-affiliate').textContent(), WAIT).toContain('Ana Milena Rojas Castro');
    expect(await page.locator('#detail-affiliate').textContent()).toContain('Subsidiado');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'orden-medica.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('orden-medica.pdf');
    expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(page.url()).toBe(`${t.baseUrl}/backoffice`);

    await page.locator('#approve-service').selectOption('890202');
    await page.locator('#approve-ips').selectOption('080010000102');
    await page.locator('#approve-from').fill('2026-11-30');
    await page.locator('#approve-until').fill('2027-02-28');
    await page.locator('#approve-copay').fill('4500');
    await page.getByRole('button', { name: 'Aprobar y expedir autorización' }).click();
    await expect.poll(() => page.locator('#toast').textContent(), WAIT).toMatch(/AUT-2026-000005 aprobada: autorización 20261\d{5}/);
    await expect.poll(() => page.locator('#detail-history').textContent(), WAIT).toContain('Aprobada por Andrés Mejía');

    const request = await t.app.repositories.authorizationRequests.findByFilingNumber('AUT-2026-000005');
    expect(request?.status).toBe('aprobada');
    const sms = await t.app.repositories.outbox.list({ kind: 'sms', recipient: '3001112236' });
    expect(sms.some((m) => m.body.includes('aprobamos tu solicitud AUT-2026-000005'))).toBe(true);
    const audit = await t.app.backOffice.services.audit.listBySubject('AUT-2026-000005');
    // Newest first: the page reopens the request after deciding.
    expect(audit.map((a) => a.action)).toEqual(['view_request', 'decide_approve', 'open_support', 'view_request']);
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuses console agents and changes without the CSRF token', async () => {
    const login = async (email: string, password: string) => {
      const response = await fetch(`${t.baseUrl}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return { cookie: response.headers.get('set-cookie')!.split(';')[0], csrfToken };
    };
    const agent = await login('asesor@demo.local', 'asesor-demo-2026');
    expect((await fetch(`${t.baseUrl}/api/backoffice/requests`, { headers: { cookie: agent.cookie } })).status).toBe(403);
    const autorizador = await login('autorizador@demo.local', 'autorizador-demo-2026');
    expect((await fetch(`${t.baseUrl}/api/agent/handoffs`, { headers: { cookie: autorizador.cookie } })).status).toBe(403);
    const noToken = await fetch(`${t.baseUrl}/api/backoffice/requests/AUT-2026-000004/decision`, {
      method: 'POST',
      headers: { cookie: autorizador.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'reject', reason: 'no_cubierto' }),
    });
    expect(noToken.status).toBe(403);
    expect((await t.app.repositories.authorizationRequests.findByFilingNumber('AUT-2026-000004'))?.status).toBe('en_revision');
  });
});
