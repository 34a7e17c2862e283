// The whole request on the assembled app (createApp on the seeded database) through the official Direct
// Line client, as Web Chat runs it: login, the flow, the PDF sent with the attachment button (uploaded
// through /upload), the filing number, the file under UPLOAD_DIR and the SMS in the outbox.
import { Activity } from 'botbuilder';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DirectLine } from 'botframework-directlinejs';
import { authorizations as t } from '../../../dialogs/messages';
import { App, createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { silentLogger } from '../../../src/observability/logger';
import { DEMO_IDS, DEMO_PASSWORD } from '../../../src/storage/seeds/demoSet';
import { collect, connect, post } from '../../channels/directline/nodeDirectLine';
import { fixedClock } from '../../helpers/clock';
import { smallPdf } from '../../helpers/pdfCorpus';
import { phonePhoto, photoPdfFacts, UPRIGHT_CLEAN_PHOTO_PDF } from '../../helpers/photos';
import { createTestDb, describeEngines, TestDb } from '../../helpers/testDb';
import { readable } from '../../helpers/transcript';

let db: TestDb;
let app: App;
let url: string;
let uploadDir: string;
let fileServer: http.Server;
let fileUrl: string;
let pdf: Buffer;
let photo: Buffer;

const USER = 'web-user';

function conversation(client: DirectLine) {
  const seen = collect(client);
  const fromBot = (a: Activity) => a.from?.id !== USER;
  /** Sends one message and waits for a bot reply matching `until`; returns the bot's replies since. */
  const send = async (activity: Record<string, unknown>, until: RegExp): Promise<string> => {
    const start = seen.activities.length;
    await post(client, { type: 'message', from: { id: USER }, ...activity });
    const all = await seen.until((list) => list.slice(start).some((a) => fromBot(a) && until.test(readable(a))));
    return all.slice(start).filter(fromBot).map(readable).join('\n---\n');
  };
  return { seen, send, say: (text: string, until: RegExp) => send({ text }, until) };
}

describeEngines('the web chat on the assembled app', (engine) => {
  beforeAll(async () => {
    pdf = await smallPdf();
    photo = await phonePhoto();
    db = await createTestDb({ engine });
    uploadDir = await mkdtemp(path.join(tmpdir(), 'e2e-uploads-'));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.databaseUrl, UPLOAD_DIR: uploadDir, PUBLIC_URL: 'http://localhost:3978' });
    app = await createApp({ config, knex: db.knex, logger: silentLogger, clock: fixedClock('2026-11-27T15:00:00Z') });
    url = await app.start(0);
    // Web Chat uploads the file it reads from a (blob:) URL; here a local server plays that part.
    fileServer = http.createServer((req, res) => {
      const isPhoto = req.url?.endsWith('.jpg');
      res.writeHead(200, { 'Content-Type': isPhoto ? 'image/jpeg' : 'application/pdf' });
      res.end(isPhoto ? photo : pdf);
    });
    await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
    fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}/orden-medica.pdf`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => fileServer.close(() => resolve()));
    await app.stop();
    await db.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  it('Ana Milena files a request with a PDF and a photo through the web chat, end to end', async () => {
    const ticket = (await (await fetch(`${url}/api/webchat/token`, { method: 'POST' })).json()) as { token: string };
    const client = connect(url, { token: ticket.token, webSocket: false });
    try {
      const { seen, say, send } = conversation(client);
      await seen.until((all) => all.some((a) => /Qué quieres hacer/.test(a.text ?? '')));

      await say('Iniciar sesión', /tipo de documento/);
      await say('CC 1045678904', /contraseña/);
      // Ana Milena accepted the current charter when she registered: the menu comes straight after her password.
      expect(await say(DEMO_PASSWORD, /3\. Solicitar autorización/)).not.toMatch(/Confirmas que leíste/);

      // Ana Milena is alone in her nucleus: the flow goes straight to her contact data.
      expect(await say('Solicitar autorización', /Estos son los datos de contacto de Ana Milena Rojas Castro/)).toContain(t.intro);
      await say('si', /El municipio de residencia es Barranquilla \(Atlántico\)/);
      await say('si', /qué necesitas que autoricemos/);
      await say('Control con medicina interna y exámenes de laboratorio ordenados.', /adjunta los soportes/);
      await send({ attachments: [{ contentType: 'application/pdf', contentUrl: fileUrl, name: 'orden-medica.pdf' }] }, /Recibí "orden-medica\.pdf"/);
      const photoUrl = fileUrl.replace('orden-medica.pdf', 'IMG-2031.jpg');
      await send({ attachments: [{ contentType: 'image/jpeg', contentUrl: photoUrl, name: 'IMG-2031.jpg' }] }, /Recibí tu foto y la convertí en PDF \(1 página\)/);
      expect(await say('listo', /Enviamos la solicitud/)).toMatch(/Soportes \(2\): orden-medica\.pdf, IMG-2031\.pdf/);
      const filed = await say('Enviar solicitud', /Número de radicado/);

      // The demo set holds AUT-2026-000001…000005: this is the first request filed on this database.
      const number = 'AUT-2026-000006';
      expect(filed).toContain(number);
      expect(filed).toContain('Te responderemos entre el martes 1 de diciembre de 2026 y el viernes 4 de diciembre de 2026');
      const request = await app.repositories.authorizationRequests.findByFilingNumber(number);
      expect(request).toMatchObject({ affiliateId: DEMO_IDS.anaMilena, municipalityCode: '08001', dueDate: '2026-12-04' });
      const [attachment, fromPhoto] = await app.repositories.authorizationRequests.listAttachments(request!.id);
      // The photo was kept as an upright PDF without its metadata (GPS, camera, date): read from UPLOAD_DIR.
      const photoPdf = await readFile(path.join(uploadDir, fromPhoto.storedName));
      expect(fromPhoto).toMatchObject({ originalName: 'IMG-2031.pdf', sizeBytes: photoPdf.length, sha256: createHash('sha256').update(photoPdf).digest('hex') });
      expect(await photoPdfFacts(photoPdf)).toEqual(UPRIGHT_CLEAN_PHOTO_PDF);
      const sha = createHash('sha256').update(pdf).digest('hex');
      expect(attachment).toMatchObject({ originalName: 'orden-medica.pdf', sizeBytes: pdf.length, sha256: sha });
      const kept = await readFile(path.join(uploadDir, attachment.storedName));
      expect(createHash('sha256').update(kept).digest('hex')).toBe(sha);
      const sms = await app.repositories.outbox.list({ kind: 'sms', recipient: '3001112236' });
      expect(sms.some((m) => m.body.includes(number))).toBe(true);

      // The filing message's promise: "consulta AUT-…" shows that request, its observation and supports.
      expect(filed).toContain(`escribe consulta ${number}`);
      const status = await say(`consulta ${number}`, new RegExp(`${number} · Radicada`));
      expect(status).toContain('Observación: Control con medicina interna y exámenes de laboratorio ordenados.');
      expect(status).toContain('Soportes: 2 PDF');

      // "Solicitudes" lists it with what she wrote and the names of its supports.
      await say('estado de autorizaciones', /Qué quieres consultar/);
      const requests = await say('solicitudes', new RegExp(`${number} · Radicada`));
      expect(requests).toContain('Observación: Control con medicina interna y exámenes de laboratorio ordenados.');
      expect(requests).toContain('Soportes: orden-medica.pdf, IMG-2031.pdf');
    } finally {
      client.end();
    }
  }, 30_000);
});
