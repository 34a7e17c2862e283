// The loop closed on the assembled app: the EPS decides, the outbox sends the SMS and the e-mail and tells
// the affiliate on the channel they last used — whatsapp-web.js directly, with the authorization PDF;
// WhatsApp Cloud API as a message inside the 24-hour window and as the configured template outside it
// (nock stands in for Meta), and a "Tienes novedades" summary when they write again. Asked for more
// supports, the affiliate sends them in chat and the request goes back to the queue.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authorizations, backOffice as texts, identity } from '../../dialogs/messages';
import { DEV_API_KEY } from '../../src/services/integrationApi/apiKeyService';
import { DEMO_PASSWORD } from '../../src/storage/seeds';
import { smallPdf } from '../helpers/pdfCorpus';
import { pdfText } from '../helpers/pdfText';
import { phonePhoto, photoPdfFacts, UPRIGHT_CLEAN_PHOTO_PDF } from '../helpers/photos';
import { AUTORIZADOR, APPROVAL } from '../services/backOffice/backOfficeWorld';
import { WebChatUser } from '../helpers/testApp';
import { describeEngines } from '../helpers/testDb';
import { ANA_WA, APPROVED_TEMPLATE, cloudAna, DecisionWorld, PQRDS_TEMPLATE, startDecisionWorld } from './decisionLoopWorld';

describeEngines('the decision loop on the assembled app', (engine) => {
  let world: DecisionWorld;
  beforeEach(async () => {
    world = await startDecisionWorld(engine);
  });
  afterEach(async () => {
    await world.close();
  });

  const CHAT = `${ANA_WA}@c.us`;

  async function webjsSay(text: string): Promise<string> {
    await world.webjs.receive({ from: CHAT, body: text });
    return world.webjs
      .takeSent()
      .map((s) => ('text' in s ? s.text : `[archivo ${s.file.filename}]`))
      .join('\n---\n');
  }

  async function webjsLogin(): Promise<void> {
    await webjsSay('Iniciar sesión');
    await webjsSay('CC 1045678904');
    // Ana accepted the charter in the demo set, so the password alone signs her in.
    expect(await webjsSay(DEMO_PASSWORD)).toContain(identity.welcome('Ana'));
  }

  it('whatsapp-web.js: more supports sent in chat, then the approval with its PDF, which verifies', async () => {
    await webjsLogin();
    const decisions = world.app.backOffice.services.decisions;
    await decisions.decide(AUTORIZADOR, 'AUT-2026-000005', { decision: 'request_supports', message: 'Adjunta la orden médica firmada por ortopedia.' });
    await world.deliver();
    const told = world.webjs.takeSent();
    expect(told.map((s) => ('text' in s ? s.text : '')).join('\n')).toContain('"Adjunta la orden médica firmada por ortopedia."');
    const outbox = world.app.repositories.outbox;
    expect((await outbox.list({ kind: 'sms', recipient: '3001112236' }))[0]).toMatchObject({ status: 'sent' });
    expect((await outbox.list({ kind: 'email', recipient: 'ana.rojas@example.com' }))[0]).toMatchObject({ status: 'sent' });

    expect(await webjsSay('soportes')).toContain(texts.supportsAsked('AUT-2026-000005', 'Adjunta la orden médica firmada por ortopedia.'));
    const pdf = await smallPdf();
    await world.webjs.receive({
      from: CHAT,
      type: 'document',
      hasMedia: true,
      downloadMedia: async () => ({ mimetype: 'application/pdf', data: pdf.toString('base64'), filename: 'orden-firmada.pdf', filesize: pdf.length }),
    });
    world.webjs.takeSent();
    // A photo of the paper is a support too: it becomes a PDF, as when filing.
    const photo = await phonePhoto();
    await world.webjs.receive({ from: CHAT, type: 'image', hasMedia: true, downloadMedia: async () => ({ mimetype: 'image/jpeg', data: photo.toString('base64'), filesize: photo.length }) });
    expect(world.webjs.takeSent().map((m) => ('text' in m ? m.text : '')).join('\n')).toContain(authorizations.photoAccepted(2));
    expect(await webjsSay('listo')).toContain(texts.supportsSent('AUT-2026-000005', 2));
    const request = await world.app.repositories.authorizationRequests.findByFilingNumber('AUT-2026-000005');
    expect(request?.status).toBe('radicada');
    const supports = await world.app.repositories.authorizationRequests.listAttachments(request!.id);
    expect(supports.map((a) => a.originalName)).toEqual(['orden-medica.pdf', 'orden-firmada.pdf', 'foto.pdf']);
    const fromPhoto = await readFile(path.join(world.app.config.uploadDir, supports[2]!.storedName));
    expect(await photoPdfFacts(fromPhoto)).toEqual(UPRIGHT_CLEAN_PHOTO_PDF);

    const approved = await decisions.decide(AUTORIZADOR, 'AUT-2026-000005', APPROVAL);
    await world.deliver();
    const sent = world.webjs.takeSent();
    expect(sent.map((s) => ('text' in s ? s.text : '')).join('\n')).toContain(`Autorización N.º ${approved.authorization!.number}`);
    const file = sent.find((s): s is Extract<typeof s, { file: unknown }> => 'file' in s)!;
    expect(file.file.filename).toBe(`autorizacion-${approved.authorization!.number}.pdf`);
    const text = (await pdfText(file.file.data)).text;
    expect(text).toContain('EPS Caribe Salud');
    expect(text).toContain('NIT 900123456-7');
    expect(text).toContain('Centro Médico Familiar El Prado');
    expect(text).toContain(approved.authorization!.verificationCode!);

    const verification = await fetch(`${world.baseUrl}/autorizaciones/${approved.authorization!.verificationCode}`, { headers: { accept: 'application/json' } });
    expect(await verification.json()).toMatchObject({ genuine: true, number: approved.authorization!.number, status: 'Activa', holder: 'Ana M. R. C.' });
    expect((await fetch(`${world.baseUrl}/autorizaciones/AUTZ-0000-0000-0000`)).status).toBe(404);

    // The filing number the SMS gave works in chat, and the authorization downloads again on request.
    const status = await webjsSay('consulta AUT-2026-000005');
    expect(status).toContain('*AUT-2026-000005* · Aprobada');
    expect(status).toContain('Soportes: 3 PDF');
    expect(await webjsSay(`descargar ${approved.authorization!.number}`)).toContain(`[archivo autorizacion-${approved.authorization!.number}.pdf]`);

    // Certificates name the configured EPS too (EPS_NAME, EPS_NIT), not a neutral placeholder.
    await webjsSay('certificados');
    await world.webjs.receive({ from: CHAT, body: '1' });
    const certificate = world.webjs.takeSent().find((s): s is Extract<typeof s, { file: unknown }> => 'file' in s)!;
    expect(certificate.file.filename).toBe('certificado-afiliacion.pdf');
    const certificateText = (await pdfText(certificate.file.data)).text;
    expect(certificateText).toContain('EPS Caribe Salud');
    expect(certificateText).toContain('NIT 900123456-7');
    expect(certificateText).not.toContain('EPS Oficina Virtual');
  }, 60_000);

  it('Cloud API: a message inside the 24-hour window, the template outside it, and the news when she writes again', async () => {
    const say = cloudAna(world);
    await say('Iniciar sesión');
    await say('CC 1045678904');
    await say(DEMO_PASSWORD);
    world.cloudSent.splice(0);

    // The EPS's own system decides through the integration API, as the pages would.
    const decided = await fetch(`${world.baseUrl}/api/v1/authorization-requests/AUT-2026-000004/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV_API_KEY}`, 'content-type': 'application/json', 'idempotency-key': 'loop-reject-1' },
      body: JSON.stringify({ decision: 'reject', reason: 'orden_vencida' }),
    });
    expect(decided.status).toBe(200);
    await world.deliver();
    expect((await world.app.repositories.outbox.list({ kind: 'sms', recipient: '3001112236' })).some((m) => m.body.includes('AUT-2026-000004'))).toBe(true);
    const inside = world.cloudSent.splice(0);
    expect(inside.map((m) => m.type)).toEqual(['text']);
    expect(JSON.stringify(inside[0])).toContain('no fue aprobada');

    // An approval inside the window carries the authorization PDF as a document.
    const approved = await world.app.backOffice.services.decisions.decide(AUTORIZADOR, 'AUT-2026-000005', APPROVAL);
    await world.deliver();
    const approvalSent = world.cloudSent.splice(0);
    expect(approvalSent.map((m) => m.type)).toEqual(['text', 'document']);
    expect(JSON.stringify(approvalSent[0])).toContain(`Autorización N.º ${approved.authorization!.number}`);
    expect(approvalSent[1]).toMatchObject({ to: ANA_WA, document: { id: 'media-1', filename: `autorizacion-${approved.authorization!.number}.pdf` } });

    world.clock.advance(25 * 60 * 60_000);
    await world.app.backOffice.services.pqrds.answer(AUTORIZADOR, 'PQR-2026-000123', { answer: 'Tu cita quedó para el 2 de diciembre a las 8:00 a. m.' });
    await world.deliver();
    const outside = world.cloudSent.splice(0);
    expect(outside).toEqual([
      expect.objectContaining({
        to: ANA_WA,
        type: 'template',
        template: { name: PQRDS_TEMPLATE, language: { code: 'es_CO' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'PQR-2026-000123' }] }] },
      }),
    ]);
    expect(APPROVED_TEMPLATE).not.toBe(PQRDS_TEMPLATE);

    // She answers the template; her session ended long ago, so the news comes once she is signed in again.
    await say('hola');
    await say('Iniciar sesión');
    await say('CC 1045678904');
    world.cloudSent.splice(0);
    await say(DEMO_PASSWORD);
    const afterLogin = JSON.stringify(world.cloudSent.splice(0));
    expect(afterLogin).toContain(texts.noticesHeading(1));
    expect(afterLogin).toContain('Tu cita quedó para el 2 de diciembre');
    await say('menú');
    expect(JSON.stringify(world.cloudSent.splice(0))).not.toContain(texts.noticesHeading(1));
  }, 60_000);

  it('web chat: an open conversation gets the approval and its PDF, and the status view shows it', async () => {
    const { user } = await WebChatUser.open(world.baseUrl);
    await user.say('Iniciar sesión');
    await user.say('CC 1045678904');
    expect((await user.say(DEMO_PASSWORD)).join('\n')).toContain(identity.welcome('Ana'));

    const approved = await world.app.backOffice.services.decisions.decide(AUTORIZADOR, 'AUT-2026-000005', APPROVAL);
    await world.deliver();
    const told = (await user.read()).join('\n');
    expect(told).toContain(`Autorización N.º ${approved.authorization!.number}`);
    expect(told).toContain(`[archivo application/pdf autorizacion-${approved.authorization!.number}.pdf]`);

    await user.say('estado de autorizaciones');
    const listed = (await user.say('autorizaciones')).join('\n');
    expect(listed).toContain(`N.º ${approved.authorization!.number} · Activa`);
    // Web chat shows *bold* as plain text.
    expect(listed).toContain(`PDF: escribe descargar ${approved.authorization!.number}`);
  }, 60_000);

  it('web chat: a conversation left closed gets the news after the next sign-in', async () => {
    const { user } = await WebChatUser.open(world.baseUrl);
    await user.say('Iniciar sesión');
    await user.say('CC 1045678904');
    await user.say(DEMO_PASSWORD);
    world.clock.advance(20 * 60_000);
    await world.app.backOffice.services.decisions.decide(AUTORIZADOR, 'AUT-2026-000004', { decision: 'reject', reason: 'no_cubierto' });
    await world.deliver();
    expect(await user.read()).toEqual([]);
    expect((await world.app.repositories.outbox.list({ kind: 'chat' }))[0].status).toBe('sent');

    await user.say('hola');
    await user.say('Iniciar sesión');
    await user.say('CC 1045678904');
    const afterLogin = (await user.say(DEMO_PASSWORD)).join('\n');
    expect(afterLogin).toContain(texts.noticesHeading(1));
    expect(afterLogin).toContain('El servicio no está cubierto por el plan de beneficios');
  }, 60_000);
});
