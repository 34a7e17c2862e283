import { afterEach, describe, expect, it } from 'vitest';
import { identity } from '../../../dialogs/messages/identity';
import { common } from '../../../dialogs/messages/common';
import { PRIVACY_POLICY } from '../../../src/domain/consentTexts';
import { DEMO_IDS } from '../../../src/storage/seeds/demoSet';
import { createIdentityHarness, MENU_RE, PUBLIC_URL, type IdentityHarness } from './identityHarness';

// The four documents most people have, then "Otro documento": a short list on a phone's screen.
const TYPE_RE = /^¿Qué tipo de documento tienes\?\n1\. Cédula de ciudadanía\n2\. Tarjeta de identidad\n3\. Registro civil de nacimiento\n4\. Cédula de extranjería\n5\. Otro documento$/;
const NUMBER_CC = identity.documentNumberQuestion('Cédula de ciudadanía');
const PRIVACY_RE = new RegExp(
  `^${identity.privacyIntro}[\\s\\S]*sensibles[\\s\\S]*opcional[\\s\\S]*${PUBLIC_URL}/legal/politica-de-datos$`,
);
const ACCEPT_RE = /Autorizas el tratamiento[\s\S]*1\. Sí, acepto\n2\. No acepto/;

let h: IdentityHarness;
afterEach(async () => {
  await h.close();
});

/** Registration up to the consent question, with the given answers. */
function untilConsent(number: string, mobile: string, date: string): Parameters<IdentityHarness['play']>[0] {
  return [
    ['Registrarme', [identity.registrationIntro, TYPE_RE]],
    ['1', [NUMBER_CC]],
    [number, [identity.mobileQuestion]],
    [mobile, [identity.issueDateQuestion]],
    [date, [PRIVACY_RE, ACCEPT_RE]],
  ];
}

describe('registration dialog', () => {
  it('registers María Fernanda: the SMS waits in the outbox for her mobile on file', async () => {
    h = await createIdentityHarness();
    await h.play([...untilConsent('1.045.678.901', '300 111 2233', '14 de marzo de 2008'), ['1', [identity.registeredThenLogin('2233', 30), identity.passwordQuestion]]]);
    const [sms] = await h.repos.outbox.list({ kind: 'sms' });
    expect(sms).toMatchObject({ recipient: '3001112233', status: 'pending' });
    const consent = await h.repos.consents.latest(DEMO_IDS.mariaFernanda, 'privacy_policy');
    expect(consent).toMatchObject({ version: PRIVACY_POLICY.version, channel: 'test' });
  });

  it.each([['14/03/2008'], ['2008-03-14'], ['14 de marzo de 2008']])('accepts the issue date written as %s', async (date) => {
    h = await createIdentityHarness();
    await h.play([...untilConsent('1045678901', '3001112233', date), ['sí, acepto', [identity.registeredThenLogin('2233', 30), identity.passwordQuestion]]]);
  });

  it('tells Ana Milena she is already registered and how to log in or recover', async () => {
    h = await createIdentityHarness();
    await h.play([...untilConsent('1045678904', '3001112236', '09/01/2012'), ['1', [identity.alreadyRegistered, MENU_RE]]]);
    expect(identity.alreadyRegistered).toMatch(/Iniciar sesión[\s\S]*Olvidé mi contraseña/);
  });

  it('does not register José Luis (Retirado): the generic reply, no account, no SMS', async () => {
    h = await createIdentityHarness();
    await h.play([...untilConsent('1045678903', '3001112235', '30/11/2005'), ['1', [identity.notVerified, MENU_RE]]]);
    expect(await h.repos.accounts.findByAffiliateId(DEMO_IDS.joseLuis)).toBeUndefined();
    expect(await h.repos.outbox.list()).toHaveLength(0);
  });

  it('does not register María Fernanda with another mobile', async () => {
    h = await createIdentityHarness();
    await h.play([...untilConsent('1045678901', '3001112299', '14/03/2008'), ['1', [identity.notVerified, MENU_RE]]]);
  });

  it('without acceptance creates nothing', async () => {
    h = await createIdentityHarness();
    await h.play([...untilConsent('1045678901', '3001112233', '14/03/2008'), ['no acepto', [identity.privacyDeclined, MENU_RE]]]);
    expect(await h.repos.accounts.findByAffiliateId(DEMO_IDS.mariaFernanda)).toBeUndefined();
    expect(await h.repos.consents.latest(DEMO_IDS.mariaFernanda, 'privacy_policy')).toBeUndefined();
  });

  it('explains every bad answer, asks the same question again, and keeps what was already answered', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['1', [identity.registrationIntro, TYPE_RE]],
      ['licencia de conducción', [(a) => a.text!.startsWith(`${identity.documentTypeRetry}\n${identity.documentTypeQuestion}`)]],
      ['cédula', [NUMBER_CC]],
      ['10456789O1', [`${identity.documentNumberProblem('not_numeric', { numeric: true, minLength: 3, maxLength: 10 })}\n${NUMBER_CC}`]],
      ['10456789012', [`Ese número es muy largo: este documento tiene máximo 10 caracteres.\n${NUMBER_CC}`]],
      ['1045678901', [identity.mobileQuestion]],
      ['6051234567', [`${identity.mobileProblem('not_mobile')}\n${identity.mobileQuestion}`]],
      ['300111223', [`${identity.mobileProblem('wrong_length')}\n${identity.mobileQuestion}`]],
      ['+57 300 111 2233', [identity.issueDateQuestion]],
      ['14/03/08', [`${identity.dateProblem('two_digit_year')}\n${identity.issueDateQuestion}`]],
      ['31/02/2008', [`${identity.dateProblem('invalid_date')}\n${identity.issueDateQuestion}`]],
      ['14/03/2027', [`${identity.dateProblem('future')}\n${identity.issueDateQuestion}`]],
      ['ayer', [`${identity.dateProblem('unrecognized')}\n${identity.issueDateQuestion}`]],
      ['ayuda', [identity.issueDateHelp, identity.issueDateQuestion]],
      ['14 de marzo de 2008', [PRIVACY_RE, ACCEPT_RE]],
      ['tal vez', [/^No entendí tu respuesta[\s\S]*Autorizas/]],
      ['1', [identity.registeredThenLogin('2233', 30), identity.passwordQuestion]],
    ]);
  });

  it('takes type and number in one answer ("CC 1045678901")', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['1', [identity.registrationIntro, TYPE_RE]],
      ['CC 1045678901', [identity.mobileQuestion]],
    ]);
  });

  it('"Otro documento" opens the other nine types', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['1', [identity.registrationIntro, TYPE_RE]],
      ['5', [/^¿Cuál de estos documentos tienes\?\n1\. Pasaporte\n[\s\S]*\n9\. Documento extranjero$/]],
      ['1', [identity.documentNumberQuestion('Pasaporte')]],
    ]);
  });

  it('a type not in the short list, written by name, is understood at once', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['1', [identity.registrationIntro, TYPE_RE]],
      ['pasaporte', [identity.documentNumberQuestion('Pasaporte')]],
    ]);
  });

  it('cancelar midway abandons registration: nothing is created', async () => {
    h = await createIdentityHarness();
    await h.play([
      ['1', [identity.registrationIntro, TYPE_RE]],
      ['1', [NUMBER_CC]],
      ['1045678901', [identity.mobileQuestion]],
      ['cancelar', [common.cancelled, MENU_RE]],
    ]);
    expect(await h.repos.accounts.findByAffiliateId(DEMO_IDS.mariaFernanda)).toBeUndefined();
  });
});

describe('no enumeration', () => {
  async function registrationReplies(number: string, mobile: string, date: string): Promise<string[]> {
    h = await createIdentityHarness();
    for (const [turn] of [...untilConsent(number, mobile, date), ['1', []] as const]) await h.say(turn as string);
    const said = [...h.botSaid];
    await h.close();
    return said;
  }

  it('answers byte for byte the same for unknown, inactive, registered-but-mismatched and mismatching documents', async () => {
    const unknown = await registrationReplies('1099999999', '3009998877', '05/05/2001');
    const cases = [
      await registrationReplies('1045678903', '3001112235', '30/11/2005'), // José Luis, Retirado, all data right
      await registrationReplies('1045678904', '3001112299', '09/01/2012'), // Ana Milena, registered, wrong mobile
      await registrationReplies('1045678901', '3001112233', '15/03/2008'), // María Fernanda, wrong date
    ];
    expect(unknown.at(-2)).toBe(identity.notVerified);
    for (const replies of cases) expect(replies).toEqual(unknown);
    h = await createIdentityHarness(); // afterEach closes one
  });
});
