// Self-service on the assembled app (createApp on the seeded database) over our Direct Line endpoints, as
// Web Chat polls them: the real login, the certificate PDF downloaded from the link Web Chat gets and
// checked against GET /certificados/{code}, a mobile change confirmed with the real password check, and
// PQRDS status without login.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contactData, family, identity, selfService as t } from '../../../dialogs/messages';
import { DEMO_IDS, DEMO_PASSWORD } from '../../../src/storage/seeds';
import { pdfText } from '../../helpers/pdfText';
import { startTestApp, TestApp } from '../../helpers/testApp';
import { describeEngines } from '../../helpers/testDb';

interface Activity {
  type: string;
  text?: string;
  from: { id: string };
  suggestedActions?: { actions: { title: string }[] };
  attachments?: { contentType: string; contentUrl?: string; name?: string }[];
}

/** A Web Chat user by polling; `say` returns the bot's activities in answer. */
async function openChat(baseUrl: string) {
  const ticket = (await (await fetch(`${baseUrl}/api/webchat/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
  const auth = { authorization: `Bearer ${ticket.token}` };
  await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers: auth });
  const base = `${baseUrl}/v3/directline/conversations/${ticket.conversationId}/activities`;
  let watermark = '';
  const read = async (): Promise<Activity[]> => {
    const page = (await (await fetch(`${base}?watermark=${watermark}`, { headers: auth })).json()) as { activities: Activity[]; watermark: string };
    watermark = page.watermark;
    return page.activities.filter((a) => a.type === 'message' && a.from.id === 'oficina-virtual');
  };
  const say = async (text: string): Promise<Activity[]> => {
    const res = await fetch(base, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text, from: { id: 'u' } }) });
    expect(res.ok).toBe(true);
    return read();
  };
  const text = (activities: Activity[]) => activities.map((a) => [a.text, ...(a.suggestedActions?.actions ?? []).map((o) => o.title)].join('\n')).join('\n---\n');
  await read();
  return { say, text, auth };
}

describeEngines('self-service on the assembled app', (engine) => {
  let t0: TestApp;
  beforeAll(async () => {
    t0 = await startTestApp({ engine });
  });
  afterAll(async () => {
    await t0.close();
  });

  it('Ana Milena gets her affiliation certificate in the web chat, and the verification page vouches for the very file', async () => {
    const chat = await openChat(t0.baseUrl);
    await chat.say('Iniciar sesión');
    await chat.say('CC 1045678904');
    // Ana Milena accepted the current charter when she registered: the menu comes straight after her password.
    expect(chat.text(await chat.say(DEMO_PASSWORD))).toMatch(/Qué quieres hacer/);
    expect(chat.text(await chat.say('certificados'))).toContain(t.certificateAffiliation);
    const replies = await chat.say('1');
    // Ana Milena is alone in her nucleus: the certificate comes without asking whose it is.
    expect(chat.text(replies)).toContain(family.onlyYou('Ana'));
    const withFile = replies.find((a) => a.attachments?.length);
    expect(withFile?.text, chat.text(replies)).toMatch(/^Listo, aquí está tu certificado de afiliación\. /);
    const code = /CERT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(withFile!.text!)![0];
    const [file] = withFile!.attachments!;
    expect(file).toMatchObject({ contentType: 'application/pdf', name: 'certificado-afiliacion.pdf' });
    // Links are built on PUBLIC_URL (localhost:3978 here); the test server listens on an ephemeral port.
    const link = new URL(file.contentUrl!);
    // Files the bot sends are served to a client of the conversation only (here, with its token).
    const pdf = Buffer.from(await (await fetch(`${t0.baseUrl}${link.pathname}${link.search}`, { headers: chat.auth })).arrayBuffer());
    expect((await pdfText(pdf)).text).toContain('ANA MILENA ROJAS CASTRO');
    const verification = (await (await fetch(`${t0.baseUrl}/certificados/${code}`, { headers: { accept: 'application/json' } })).json()) as { sha256: string };
    expect(verification.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    // Changing the mobile asks the password again (the real check), then saves.
    expect(chat.text(await chat.say('actualizar mis datos'))).toMatch(/Estos son tus datos básicos:[\s\S]*Celular \(\*\): 3001112236/);
    expect(chat.text(await chat.say('actualizar mis datos'))).toContain(t.fieldMenuQuestion([]));
    expect(chat.text(await chat.say('celular'))).toContain(t.askField.mobile);
    expect(chat.text(await chat.say('3157654321'))).toContain(t.fieldMenuQuestion(['Celular (*): 3157654321']));
    expect(chat.text(await chat.say('guardar cambios'))).toMatch(/Así quedarían tus datos:\n• Celular \(\*\): 3157654321[\s\S]*¿Confirmas la actualización\?/);
    expect(chat.text(await chat.say('sí, actualizar'))).toContain(contactData.reauthNeeded);
    expect(chat.text(await chat.say(DEMO_PASSWORD))).toContain(t.basicDataUpdated);
    expect((await t0.app.repositories.affiliates.findById(DEMO_IDS.anaMilena))?.mobile).toBe('3157654321');
  }, 30_000);

  it('anyone follows a PQRDS with document and code, without logging in', async () => {
    const chat = await openChat(t0.baseUrl);
    expect(chat.text(await chat.say('pqrds'))).toContain(t.pqrdsStatusOption);
    expect(chat.text(await chat.say('1'))).toContain(identity.documentTypeQuestion);
    expect(chat.text(await chat.say('CC 1045678904'))).toContain(t.pqrdsCodeQuestion);
    expect(chat.text(await chat.say('PQR-2026-000123'))).toContain('Estado: En trámite');
  }, 30_000);
});
