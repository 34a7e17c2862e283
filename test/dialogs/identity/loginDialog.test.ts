import { afterEach, describe, expect, it } from 'vitest';
import { common } from '../../../dialogs/messages/common';
import { identity } from '../../../dialogs/messages/identity';
import { session as sessionTexts } from '../../../dialogs/messages/session';
import { RIGHTS_CHARTER } from '../../../src/domain/consentTexts';
import { REDACTED } from '../../../src/domain/masking';
import { DEMO_IDS } from '../../../src/storage/seeds/demoSet';
import { conversationEnded, readable } from '../../helpers/transcript';
import { createIdentityHarness, lastSmsPassword, LOGGED_MENU_RE, MENU_RE, PUBLIC_URL, type IdentityHarness } from './identityHarness';

const TYPE_RE = /Qué tipo de documento tienes/;
const CHARTER_RE = new RegExp(`^${identity.charterIntro}[\\s\\S]*${PUBLIC_URL}/legal/carta-de-derechos$`);
const CHARTER_Q = /Confirmas que leíste[\s\S]*1\. Sí, acepto/;
const AFTER_FAILURE = /Qué quieres hacer\?\n1\. Intentar de nuevo\n2\. Olvidé mi contraseña\n3\. Volver al menú/;
const NEW_PASSWORD = 'Mi perro se llama Lupe';

let h: IdentityHarness;
afterEach(async () => {
  await h.close();
});

async function registerMaria(): Promise<string> {
  await h.play([
    ['Registrarme', [identity.registrationIntro, TYPE_RE]],
    ['CC 1045678901', [identity.mobileQuestion]],
    ['3001112233', [identity.issueDateQuestion]],
    ['2008-03-14', [/politica-de-datos$/, /Autorizas/]],
    ['1', [identity.registeredThenLogin('2233', 30), identity.passwordQuestion]],
  ]);
  return lastSmsPassword(h, '3001112233');
}

describe('first login of María Fernanda', () => {
  it('registers, logs in with the SMS password, sets her own, accepts the charter and reaches the menu', async () => {
    h = await createIdentityHarness();
    const temporary = await registerMaria();
    await h.play([
      [temporary, [identity.mustChangePassword, identity.newPasswordQuestion]],
      ['12345678', [`${identity.passwordCommon}\n${identity.newPasswordQuestion}`]],
      ['corta', [`${identity.passwordTooShort(8)}\n${identity.newPasswordQuestion}`]],
      ['clave1045678901', [`${identity.passwordHasDocument}\n${identity.newPasswordQuestion}`]],
      [temporary, [`${identity.sameAsCurrent}\n${identity.newPasswordQuestion}`]],
      [NEW_PASSWORD, [identity.passwordChanged, CHARTER_RE, CHARTER_Q]],
      ['sí', [identity.welcome('María'), LOGGED_MENU_RE]],
    ]);
    // Logged in: a task that needs login runs at once.
    await h.play([['certificados', ['Certificados: listo.', LOGGED_MENU_RE]]]);
    const charter = await h.repos.consents.latest(DEMO_IDS.mariaFernanda, 'rights_charter');
    expect(charter).toMatchObject({ version: RIGHTS_CHARTER.version, channel: 'test', acceptedAt: h.clock.now() });
    const account = await h.repos.accounts.findByAffiliateId(DEMO_IDS.mariaFernanda);
    expect(account).toMatchObject({ mustChangePassword: false });

    // Passwords never appear in what the bot said, nor in what agents would read, nor in the logs.
    const botText = h.botSaid.join('\n');
    const logs = h.logger.lines.join('\n');
    for (const secret of [temporary, NEW_PASSWORD]) {
      expect(botText).not.toContain(secret);
      expect(h.recorded).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(h.recorded.filter((r) => r === REDACTED).length).toBe(6);

    // The temporary password is spent: it no longer opens the account, the new one does.
    await h.play([
      ['salir', [common.goodbye, conversationEnded]],
      ['hola', [common.welcome, MENU_RE]],
      ['2', [TYPE_RE]],
      ['CC 1045678901', [identity.passwordQuestion]],
      [temporary, [identity.loginInvalid, AFTER_FAILURE]],
      ['intentar de nuevo', [TYPE_RE]],
      ['CC 1045678901', [identity.passwordQuestion]],
      [NEW_PASSWORD, [identity.welcome('María'), LOGGED_MENU_RE]],
    ]);
  });

  it('a temporary password used after 30 minutes is refused with a way forward', async () => {
    h = await createIdentityHarness();
    const temporary = await registerMaria();
    h.clock.advance(31 * 60_000);
    await h.play([
      [temporary, [identity.tempExpired, MENU_RE]],
    ]);
  });

  it('declining the charter leaves her logged out', async () => {
    h = await createIdentityHarness();
    const temporary = await registerMaria();
    await h.play([
      [temporary, [identity.mustChangePassword, identity.newPasswordQuestion]],
      [NEW_PASSWORD, [identity.passwordChanged, CHARTER_RE, CHARTER_Q]],
      ['no', [identity.charterDeclined, MENU_RE]],
      ['certificados', [sessionTexts.loginFirst, TYPE_RE]],
    ]);
  });
});

describe('login of Ana Milena (registered, charter already accepted)', () => {
  it('goes straight to the menu with her password', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['Iniciar sesión', [TYPE_RE]],
      ['cédula 1045678904', [identity.passwordQuestion]],
      ['Cajacopi#2026', [identity.welcome('Ana'), LOGGED_MENU_RE]],
    ]);
    expect(h.recorded.at(-1)).toBe(REDACTED);
  });

  it('a task that needs login logs her in first and then runs the task', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['Certificados', [sessionTexts.loginFirst, TYPE_RE]],
      ['CC 1045678904', [identity.passwordQuestion]],
      ['Cajacopi#2026', [identity.welcome('Ana'), 'Certificados: listo.', LOGGED_MENU_RE]],
    ]);
  });

  it('the session expires after 15 idle minutes and after 12 hours in all', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['2', [TYPE_RE]],
      ['CC 1045678904', [identity.passwordQuestion]],
      ['Cajacopi#2026', [identity.welcome('Ana'), LOGGED_MENU_RE]],
    ]);
    h.clock.advance(15 * 60_000);
    await h.play([['certificados', [sessionTexts.idleExpired, MENU_RE]]]);

    await h.play([
      ['2', [TYPE_RE]],
      ['CC 1045678904', [identity.passwordQuestion]],
      ['Cajacopi#2026', [identity.welcome('Ana'), LOGGED_MENU_RE]],
    ]);
    for (let i = 0; i < 51; i++) {
      h.clock.advance(14 * 60_000);
      await h.play([['certificados', ['Certificados: listo.', LOGGED_MENU_RE]]]);
    }
    h.clock.advance(14 * 60_000); // 52 × 14 min = 12 h 8 min after login, never idle for 15 minutes
    await h.play([['certificados', [sessionTexts.absoluteExpired, MENU_RE]]]);
  });

  it('re-authentication before a contact change: right password → true; three wrong → false', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['2', [TYPE_RE]],
      ['CC 1045678904', [identity.passwordQuestion]],
      ['Cajacopi#2026', [identity.welcome('Ana'), LOGGED_MENU_RE]],
      ['Actualizar mis datos', [identity.reauthQuestion]],
      ['Cajacopi#2026', ['Identidad confirmada.', LOGGED_MENU_RE]],
      ['Actualizar mis datos', [identity.reauthQuestion]],
      ['otra', [`${identity.reauthInvalid}\n${identity.reauthQuestion}`]],
      ['otra más', [`${identity.reauthInvalid}\n${identity.reauthQuestion}`]],
      ['y otra', [identity.reauthFailed, 'Sin confirmar.', LOGGED_MENU_RE]],
    ]);
    expect(h.recorded.slice(-4)).toEqual(['Actualizar mis datos', REDACTED, REDACTED, REDACTED]);
  });

  it('"olvidé mi contraseña" at the password question goes to recovery with the document already known', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['2', [TYPE_RE]],
      ['CC 1045678904', [identity.passwordQuestion]],
      ['Olvidé mi contraseña', [identity.recoveryIntro, identity.issueDateQuestion]],
      ['9 de enero de 2012', [identity.recoveryAccepted, MENU_RE]],
    ]);
    const temporary = await lastSmsPassword(h, '3001112236');
    await h.play([
      ['2', [TYPE_RE]],
      ['CC 1045678904', [identity.passwordQuestion]],
      [temporary, [identity.mustChangePassword, identity.newPasswordQuestion]],
      ['Otra clave segura 2026', [identity.passwordChanged, identity.welcome('Ana'), LOGGED_MENU_RE]],
    ]);
  });
});

describe('"Olvidé mi contraseña" where people look for it', () => {
  it('is the last option of the first menu (numbers above unchanged) and the password question names it', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['menú', [/1\. Registrarme\n2\. Iniciar sesión[\s\S]*9\. Hablar con un asesor\n10\. Olvidé mi contraseña/]],
      ['10', [identity.recoveryIntro, TYPE_RE]],
      ['CC 1045678904', [identity.issueDateQuestion]],
      ['9 de enero de 2012', [identity.recoveryAccepted, MENU_RE]],
      ['olvidé mi contraseña', [identity.recoveryIntro, TYPE_RE]],
      ['cancelar', [common.cancelled, MENU_RE]],
    ]);
    expect(identity.passwordQuestion).toMatch(/olvidé mi contraseña/);
    // The reset did not lock Ana out: her current password still opens the account.
    await h.play([
      ['Iniciar sesión', [TYPE_RE]],
      ['CC 1045678904', [identity.passwordQuestion]],
      ['Cajacopi#2026', [identity.welcome('Ana'), LOGGED_MENU_RE]],
    ]);
    // Logged in, the option is gone and nothing else moved.
    await h.play([['menú', [/3\. Solicitar autorización[\s\S]*9\. Hablar con un asesor$/]]]);
  });
});

describe('wrong passwords', () => {
  it('one reply for a wrong password and an unknown document; waits grow after 5 failures', async () => {
    h = await createIdentityHarness();
    const attempt = async (number: string) => {
      await h.say('2');
      await h.say(`CC ${number}`);
      return (await h.say('no-es-la-clave')).map((a) => a.text);
    };
    const wrongPassword: (string | undefined)[][] = [];
    const unknown: (string | undefined)[][] = [];
    for (let i = 0; i < 6; i++) {
      wrongPassword.push(await attempt('1045678904'));
      await h.say('3');
      unknown.push(await attempt('1099999999'));
      await h.say('3');
    }
    expect(unknown).toEqual(wrongPassword);
    expect(wrongPassword[0][0]).toBe(identity.loginInvalid);
    expect(wrongPassword[3][0]).toBe(identity.loginInvalid);
    expect(wrongPassword[4][0]).toBe(`${identity.loginInvalid}\n${identity.waitBeforeRetry(30_000)}`);
    expect(wrongPassword[5][0]).toBe(identity.locked(30_000));
    // While waiting, even the right password is not checked.
    await h.say('2');
    await h.say('CC 1045678904');
    expect((await h.say('Cajacopi#2026')).map(readable)).toEqual([identity.locked(60_000), expect.stringMatching(MENU_RE)]);
    h.clock.advance(60_000);
    await h.play([
      ['2', [TYPE_RE]],
      ['CC 1045678904', [identity.passwordQuestion]],
      ['Cajacopi#2026', [identity.welcome('Ana'), LOGGED_MENU_RE]],
    ]);
  });

  it('recovery answers the same whether the document exists or not', async () => {
    h = await createIdentityHarness();
    const replies: (string | undefined)[][] = [];
    for (const [number, date] of [
      ['1045678904', '10/01/2012'], // Ana, wrong date
      ['1099999999', '05/05/2001'], // unknown
      ['1045678903', '30/11/2005'], // José Luis, Retirado
      ['1045678901', '14/03/2008'], // María Fernanda, not registered
    ]) {
      await h.say('2');
      await h.say(`CC ${number}`);
      await h.say('wrong');
      const said = [...(await h.say('2')), ...(await h.say(date))];
      replies.push(said.map((a) => a.text));
    }
    for (const r of replies) expect(r).toEqual(replies[0]);
    expect(replies[0]).toContain(identity.recoveryAccepted);
    expect(await h.repos.outbox.list()).toHaveLength(0);
  });
});
