// The console at laptop size, in a real Chromium: a person who wrote of a vital risk on WhatsApp is
// listed first, marked URGENTE, ahead of someone who asked for a person earlier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelRegistry } from '../../src/channels/registry';
import { WebJsAdapter, WHATSAPP_WEBJS_CHANNEL } from '../../src/channels/whatsapp/webjsAdapter';
import { silentLogger } from '../../src/observability/logger';
import { StagedFileStore } from '../../src/storage/stagedFiles';
import { FakeWebJsClient } from '../channels/whatsapp/fakes';
import { AgentApi, startAgentApi } from '../handoff/agentApi';
import { wireHandoffBot } from '../handoff/harness';
import { CHROMIUM_SKIP_REASON, LaunchedBrowser, chromiumAvailable, launchChromium } from '../helpers/browser';
import { fixedClock } from '../helpers/clock';
import { createTestDb, TestDb } from '../helpers/testDb';

const WAIT = { timeout: 10_000 };

describe.skipIf(!chromiumAvailable())(`urgent handoffs in the console ${chromiumAvailable() ? '' : CHROMIUM_SKIP_REASON}`, () => {
  let db: TestDb;
  let api: AgentApi;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    db = await createTestDb();
    const clock = fixedClock('2026-11-27T15:00:00Z');
    const registry = new ChannelRegistry();
    const wired = wireHandoffBot({ knex: db.knex, clock, registry });
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const staged = new StagedFileStore(await mkdtemp(`${tmpdir()}/agent-urgent-staged-`));
    const whatsapp = new FakeWebJsClient();
    const webjs = new WebJsAdapter({ client: whatsapp, bot: wired.bot, files: staged, logger: silentLogger });
    for (const m of wired.middleware) webjs.use(m);
    registry.register(WHATSAPP_WEBJS_CHANNEL, webjs);
    api = await startAgentApi({ knex: db.knex, clock, service: wired.service, bus: wired.bus, stagedFiles: staged });

    await whatsapp.receive({ from: '573001110001@c.us', body: 'hola' });
    await whatsapp.receive({ from: '573001110001@c.us', body: 'asesor' });
    clock.advance(60_000);
    await whatsapp.receive({ from: '573001110002@c.us', body: 'hola' });
    await whatsapp.receive({ from: '573001110002@c.us', body: 'ayuda, mi papá no respira' });
    browser = await launchChromium({ viewport: { width: 1366, height: 768 }, locale: 'es-CO' });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.close();
  });

  it('lists the vital-risk conversation first, marked URGENTE, with its reason', async () => {
    const agent = await browser.context.newPage();
    await agent.goto(`${api.url}/agent`);
    await agent.getByLabel('Correo').fill('asesor@demo.local');
    await agent.getByLabel('Contraseña').fill('asesor-demo-2026');
    await agent.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect.poll(() => agent.locator('#queue-list li').count(), WAIT).toBe(2);
    const items = agent.locator('#queue-list li');
    expect(await items.nth(0).locator('.chip.urgent').textContent()).toBe('URGENTE');
    expect(await items.nth(1).locator('.chip.urgent').count()).toBe(0);
    await items.nth(0).click();
    await expect.poll(() => agent.locator('#context-list').textContent(), WAIT).toMatch(/Riesgo vital/);
    await expect.poll(() => agent.locator('#transcript').textContent(), WAIT).toMatch(/mi papá no respira/);
  });
});
