// The agent console as a browser test drives it: sign in with the demo agent and wait for the live stream.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The machine is shared: give every wait in the browser room to breathe. */
export const BROWSER_WAIT = { timeout: 10_000 };

/** Signs in to the console of the app at baseUrl and waits until its live connection is open. */
export async function signInToConsole(page: Page, baseUrl: string, account = { email: 'asesor@demo.local', password: 'asesor-demo-2026' }): Promise<void> {
  await page.goto(`${baseUrl}/agent`);
  await page.getByLabel('Correo').fill(account.email);
  await page.getByLabel('Contraseña').fill(account.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect.poll(() => page.locator('#connection').getAttribute('data-state'), BROWSER_WAIT).toBe('open');
}
