// The whole application as npm start builds it, talked to over the web chat's Direct Line endpoints:
// the journeys of the demo people (README.md, "Demo data"; src/storage/seeds/demoSet.ts), end to end.
import { afterEach, describe, expect, it } from 'vitest';
import { common } from '../dialogs/messages/common';
import { identity } from '../dialogs/messages/identity';
import { selfService } from '../dialogs/messages/selfService';
import { startTestApp, TestApp, WebChatUser } from './helpers/testApp';
import { describeEngines } from './helpers/testDb';

let t: TestApp;

/** The exact words, as Web Chat shows them (it drops WhatsApp's *bold* marks). */
function literally(text: string): RegExp {
  return new RegExp(text.replace(/\*/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
afterEach(async () => {
  await t?.close();
});

async function conversation(lines: [string, RegExp][], user: WebChatUser): Promise<string[]> {
  const transcript: string[] = [];
  for (const [say, expected] of lines) {
    const replies = (await user.say(say)).join('\n---\n');
    transcript.push(`> ${say}\n${replies}`);
    expect(replies, transcript.join('\n\n')).toMatch(expected);
  }
  return transcript;
}

describeEngines('the app as npm start serves it', (engine) => {
  it('greets a new web chat with the numbered menu', async () => {
    t = await startTestApp({ engine });
    const { greeting } = await WebChatUser.open(t.baseUrl);
    expect(greeting[0]).toBe(common.welcome);
    expect(greeting[1]).toMatch(/1\. Registrarme[\s\S]*9\. Hablar con un asesor/);
  });

  it('María Fernanda registers, gets her password by SMS, logs in, accepts the charter and gets her certificate', async () => {
    t = await startTestApp({ engine });
    const { user } = await WebChatUser.open(t.baseUrl);
    await conversation(
      [
        ['Registrarme', /Qué tipo de documento tienes/],
        ['CC 1045678901', literally(identity.mobileQuestion)],
        ['300 111 2233', literally(identity.issueDateQuestion)],
        ['14 de marzo de 2008', /Autorizas el tratamiento/],
        // Right after registering, the login asks only for the password the SMS brings: not the document again.
        ['sí, acepto', /2233[\s\S]*Escribe tu contraseña/],
      ],
      user,
    );
    const [sms] = await t.app.repositories.outbox.list({ kind: 'sms', recipient: '3001112233' });
    const temporary = /Contraseña temporal: (\S+)/.exec(sms.body)![1];
    await conversation(
      [
        [temporary, /nueva contraseña/i],
        ['Mi perro se llama Lupe', /Confirmas que leíste/],
        ['sí', /María[\s\S]*3\. Solicitar autorización/],
        ['Certificados', literally(selfService.certificateQuestion)],
        ['Certificado de afiliación', literally(selfService.certificateChooseMember)],
        ['1', /Listo, aquí está tu certificado de afiliación\.[\s\S]*\[archivo application\/pdf /],
      ],
      user,
    );
    // Neither password ever reached the logs.
    const logs = t.logs.join('\n');
    expect(logs).not.toContain(temporary);
    expect(logs).not.toContain('Mi perro se llama Lupe');
    expect(logs).not.toContain('1045678901');
  });

  it('José Luis (Retirado) cannot register and learns nothing about why', async () => {
    t = await startTestApp({ engine });
    const { user } = await WebChatUser.open(t.baseUrl);
    await conversation(
      [
        ['1', /Qué tipo de documento tienes/],
        ['CC 1045678903', literally(identity.mobileQuestion)],
        ['3001112235', literally(identity.issueDateQuestion)],
        ['30/11/2005', /Autorizas el tratamiento/],
        ['1', literally(identity.notVerified)],
      ],
      user,
    );
    expect(await t.app.repositories.outbox.list()).toHaveLength(0);
  });

  it('Ana Milena logs in with her password, sees her authorizations, and changes her password from the menu', async () => {
    t = await startTestApp({ engine });
    const { user } = await WebChatUser.open(t.baseUrl);
    await conversation(
      [
        ['Estado de autorizaciones', /Qué tipo de documento tienes/],
        ['CC 1045678904', /contraseña/i],
        ['Cajacopi#2026', /Ya iniciaste sesión[\s\S]*Autorizaciones\n[\s\S]*Solicitudes/],
        ['Autorizaciones', /2026004511[\s\S]*Activa/],
        ['menú', /1\. Cambiar mi contraseña\n2\. Cerrar sesión\n3\. Solicitar autorización/],
        ['1', literally(identity.reauthQuestion)],
        ['Cajacopi#2026', literally(identity.newPasswordQuestion)],
        ['Otra clave para Ana 2026', /4\. Estado de autorizaciones/],
        ['2', literally(common.goodbye)],
      ],
      user,
    );
    // Back in with the new password; the old one no longer opens the account.
    await conversation(
      [
        ['Iniciar sesión', /Qué tipo de documento tienes/],
        ['CC 1045678904', /contraseña/i],
        ['Cajacopi#2026', /Intentar de nuevo/],
        ['1', /Qué tipo de documento tienes/],
        ['CC 1045678904', /contraseña/i],
        ['Otra clave para Ana 2026', /Ya iniciaste sesión/],
      ],
      user,
    );
  });
});

describe('development outbox page', () => {
  it('shows the SMS the dev driver kept, escaped, only in development', async () => {
    t = await startTestApp({ env: { NODE_ENV: 'development' } });
    await t.app.repositories.outbox.enqueue({ kind: 'sms', recipient: '3001112233', body: 'Contraseña temporal: <b>X</b>', dedupKey: 'k1', createdAt: t.clock.now() });
    const page = await (await fetch(`${t.baseUrl}/dev/outbox`)).text();
    expect(page).toContain('Contraseña temporal: &lt;b&gt;X&lt;/b&gt;');
    await t.close();
    t = await startTestApp();
    expect((await fetch(`${t.baseUrl}/dev/outbox`)).status).toBe(404);
  });
});
