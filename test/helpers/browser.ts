// Shared Chromium launcher for browser tests: playwright-core driving Debian's /usr/bin/chromium (never a
// downloaded browser), headless with the flags of FIELD-NOTES and a fresh profile per launch.
// Suites skip with a plain reason when the binary is missing:
//   describe.skipIf(!chromiumAvailable())(`… ${CHROMIUM_SKIP_REASON}`, () => { … })
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';

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
