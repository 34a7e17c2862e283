import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_POLICY, RIGHTS_CHARTER } from '../../../src/domain/consentTexts';
import { registerLegalRoutes } from '../../../src/server/routes/legalRoutes';

let server: restify.Server;
let base: string;

beforeAll(async () => {
  server = restify.createServer();
  registerLegalRoutes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

describe('legal pages', () => {
  it('serves the full data policy with its version and the Ley 1581 wording about sensitive data', async () => {
    const res = await fetch(`${base}/legal/politica-de-datos`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain(PRIVACY_POLICY.title);
    expect(html).toContain(`Versión ${PRIVACY_POLICY.version}`);
    expect(html).toContain('Ley 1581 de 2012');
    expect(html).toMatch(/datos sensibles[^<]*es facultativo/);
    expect(html).not.toMatch(/<script/i);
  });

  it('serves the charter of rights and duties, linked from the policy page', async () => {
    const policy = await (await fetch(`${base}/legal/politica-de-datos`)).text();
    expect(policy).toContain(`href="${RIGHTS_CHARTER.path}"`);
    const res = await fetch(`${base}${RIGHTS_CHARTER.path}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Tus derechos');
    expect(html).toContain('Tus deberes');
    expect(html).toContain('urgencias');
  });
});
