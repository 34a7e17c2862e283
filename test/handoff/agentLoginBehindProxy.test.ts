// The agent console behind a proxy (production's https PUBLIC_URL means one): every request reaches the
// app from the proxy's address. One stranger's bad logins must slow that stranger down, not lock every agent out.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../helpers/testApp';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function login(email: string, password: string, forwardedFor: string): Promise<Response> {
  return fetch(`${t!.baseUrl}/api/agent/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    body: JSON.stringify({ email, password }),
  });
}

describe('agent login behind a proxy (TRUST_PROXY=1)', () => {
  it('a stranger spraying passwords is slowed down by address; an agent elsewhere still signs in', async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '1' } });
    // 20 failures over 20 different e-mails (no account lock applies), each claiming a new address in
    // front of the one the proxy appended: the claimed part is ignored.
    for (let i = 0; i < 20; i++) {
      const response = await login(`persona${i}@demo.local`, 'adivinando', `198.51.100.${i}, 203.0.113.9`);
      expect(response.status, `attempt ${i}`).toBe(401);
    }
    const slowed = await login('otra@demo.local', 'adivinando', '198.51.100.200, 203.0.113.9');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await slowed.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');

    const agent = await login('asesor@demo.local', 'asesor-demo-2026', '192.0.2.44');
    expect(agent.status).toBe(200);

    // A slow-down, not a lock: after the wait the stranger's address may try again.
    t.clock.advance(61_000);
    expect((await login('otra@demo.local', 'adivinando', '203.0.113.9')).status).toBe(401);
  });

  it('five wrong passwords for one agent lock that account only', async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '1' } });
    for (let i = 0; i < 5; i++) expect((await login('asesor@demo.local', `intento-${i}`, '203.0.113.9')).status).toBe(401);
    expect((await login('asesor@demo.local', 'asesor-demo-2026', '192.0.2.44')).status).toBe(429);
    expect((await login('supervisor@demo.local', 'supervisor-demo-2026', '192.0.2.44')).status).toBe(200);
  });
});
