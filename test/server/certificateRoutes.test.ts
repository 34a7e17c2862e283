import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/observability/logger';
import { createServer, type AppServer } from '../../src/server/createServer';
import { registerCertificateRoutes, verificationTexts } from '../../src/server/routes/certificateRoutes';
import { KnexCertificateRepository } from '../../src/storage/repositories/knexCertificateRepository';
import { DEMO_IDS } from '../../src/storage/seeds';
import { fixedClock } from '../helpers/clock';
import { createTestDb } from '../helpers/testDb';
import { createSelfServiceWorld, ISSUER, SelfServiceWorld, testCode } from '../services/selfService/selfServiceWorld';

describe('GET /certificados/{code}', () => {
  let f: SelfServiceWorld;
  let server: AppServer;
  let base: string;
  let genuine: { code: string; sha256: string };

  beforeAll(async () => {
    f = await createSelfServiceWorld();
    const issued = await f.certificates.issue(DEMO_IDS.anaMilena, 'affiliation');
    genuine = { code: issued.code, sha256: createHash('sha256').update(issued.pdf).digest('hex') };
    server = createServer({
      logger: silentLogger,
      ready: async () => true,
      publicUrl: 'http://localhost',
      routes: [(s) => registerCertificateRoutes(s, { certificates: f.certificates, logger: silentLogger, issuerName: ISSUER.name })],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await f.db.close();
  });

  it('says a genuine certificate is genuine, with kind, issue date, masked name and the PDF fingerprint', async () => {
    const res = await fetch(`${base}/certificados/${genuine.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    for (const expected of [verificationTexts.genuineTitle, 'Certificado de afiliación', '27/11/2026, 10:00 a. m.', 'Ana M. R. C.', genuine.sha256, genuine.code]) {
      expect(html).toContain(expected);
    }
    // Nothing more than that: no full name, document, IPS or regime.
    for (const secret of ['Rojas', 'Castro', '1045678904', 'Prado', 'Subsidiado']) expect(html).not.toContain(secret);
  });

  it('answers JSON to clients that ask for it', async () => {
    const res = await fetch(`${base}/certificados/${genuine.code.toLowerCase()}`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      genuine: true,
      code: genuine.code,
      kind: 'affiliation',
      kindLabel: 'Certificado de afiliación',
      issuedAt: '2026-11-27T15:00:00.000Z',
      holder: 'Ana M. R. C.',
      sha256: genuine.sha256,
    });
  });

  it.each([
    ['unknown (well formed, never issued)', () => testCode(500)],
    ['tampered (one character changed)', () => genuine.code.slice(0, 5) + (genuine.code[5] === 'A' ? 'B' : 'A') + genuine.code.slice(6)],
    ['malformed', () => 'CERT-123'],
    ['markup', () => encodeURIComponent('<script>alert(1)</script>')],
  ])('gives one and the same "not found" for a %s code', async (_label, code) => {
    const html = await fetch(`${base}/certificados/${code()}`);
    expect(html.status).toBe(404);
    const body = await html.text();
    expect(body).toContain(verificationTexts.unknownTitle);
    expect(body).not.toContain('<script>alert');
    const json = await fetch(`${base}/certificados/${code()}`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({ genuine: false });
  });
});

describe('certificate verification in the assembled app', () => {
  it('is served by createApp and vouches for a recorded certificate', async () => {
    const db = await createTestDb();
    const dir = await mkdtemp(path.join(tmpdir(), 'app-'));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.databaseUrl, UPLOAD_DIR: dir, PUBLIC_URL: 'http://localhost:3978' });
    const app = await createApp({ config, knex: db.knex, logger: silentLogger, clock: fixedClock('2026-11-27T15:00:00Z') });
    try {
      const url = await app.start(0);
      await new KnexCertificateRepository(db.knex).record({
        code: testCode(42),
        kind: 'family_nucleus',
        affiliateId: DEMO_IDS.mariaFernanda,
        requestedByAffiliateId: DEMO_IDS.mariaFernanda,
        issuedAt: new Date('2026-11-27T15:00:00Z'),
        sha256: 'b'.repeat(64),
      });
      const res = await fetch(`${url}/certificados/${testCode(42)}`, { headers: { accept: 'application/json' } });
      expect(await res.json()).toMatchObject({ genuine: true, kind: 'family_nucleus', holder: 'María F. P. G.' });
      expect((await fetch(`${url}/certificados/${testCode(43)}`)).status).toBe(404);
    } finally {
      await app.stop();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
