// Shared Chromium launcher for browser tests: playwright-core driving Debian's /usr/bin/chromium (never a
// downloaded browser), headless with flags that let it run as root in a container without a GPU or a
// desktop session, and a fresh profile per launch.
// Suites skip with a plain reason when the binary is missing (CI installs it, and fails on any skip):
//   describe.skipIf(!chromiumAvailable())(`… ${CHROMIUM_SKIP_REASON}`, () => { … })
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROME_BIN || '/usr/bin/chromium';
export const CHROMIUM_SKIP_REASON = `(skipped: no Chromium at ${CHROMIUM_PATH}; install it with apt-get install -y chromium)`;

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** A phone-sized viewport (iPhone 12-15 class), touch enabled. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'es-CO',
};

export interface LaunchedBrowser {
  /** A persistent context on a fresh profile directory (the one the flags ask for). */
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh --user-data-dir; close() removes the profile. */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<LaunchedBrowser> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

let screenshots: Promise<string> | undefined;

/** This run's screenshot directory: made once per test process, so runs side by side never overwrite each other. */
export function screenshotDir(): Promise<string> {
  screenshots ??= mkdtemp(path.join(os.tmpdir(), 'oficina-screenshots-'));
  return screenshots;
}

/** Saves a screenshot of the page into this run's directory and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(await screenshotDir(), `${name.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * When a test of the suite fails, saves what each open page showed and prints where, with any screenshot the
 * test took on the way. Register it after the hook that closes the browsers: after-hooks run in reverse order.
 */
export function screenshotsOnFailure(pages: () => Array<Page | undefined>): void {
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const open = pages().filter((page): page is Page => page !== undefined && !page.isClosed());
    for (const [i, page] of open.entries()) await screenshot(page, `${task.name.slice(0, 60)}-failed-${i + 1}`).catch(() => undefined);
    console.error(`Screenshots for "${task.name}": ${await screenshotDir()}`);
  });
}
